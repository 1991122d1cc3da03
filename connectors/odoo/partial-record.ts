/**
 * Records read from Odoo with only some of their fields, for a request that asks for no more: `make`
 * builds one from the fields read, and reading any of `unread` from it is a bug that throws, naming the
 * type, the field and `why` it was read short, rather than answering a made-up value.
 */
export function partialRecords<T extends object, U extends keyof T & string>(
  typeName: string,
  unread: readonly U[],
  why: string,
): (filled: Omit<T, U>) => T {
  const prototype = Object.create(
    null,
    Object.fromEntries(
      unread.map((field) => [
        field,
        {
          get(): never {
            throw new Error(`${typeName}.${field} was not read from Odoo (${why})`);
          },
        },
      ]),
    ),
  ) as object;
  return (filled) => Object.assign(Object.create(prototype) as object, filled) as T;
}
