import { describe, expect, it } from '@jest/globals';
import { partialRecords } from '../../../connectors/odoo/partial-record.js';

interface Thing {
  id: number;
  name: string;
  price: string;
}

describe('partial records', () => {
  const named = partialRecords<Thing, 'price'>('Thing', ['price'], 'thing read for its name');

  it('answer the fields read, and serialise as them', () => {
    const thing = named({ id: 7, name: 'Flour' });
    expect([thing.id, thing.name]).toEqual([7, 'Flour']);
    expect(JSON.parse(JSON.stringify(thing))).toEqual({ id: 7, name: 'Flour' });
  });

  it('throw, naming the field and why, when a field not read is read', () => {
    const thing = named({ id: 7, name: 'Flour' });
    expect(() => thing.price).toThrow('Thing.price was not read from Odoo (thing read for its name)');
  });
});
