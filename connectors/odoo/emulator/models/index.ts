import type { ModelDef } from '../orm/model-def.js';
import { models as account } from './account.js';
import { models as base } from './base.js';
import { models as product } from './product.js';
import { models as sale } from './sale.js';
import { models as stock } from './stock.js';

/** Every model the emulated Odoo knows; a model not listed here does not exist for a client. */
export const allModels: ModelDef[] = [...base, ...product, ...stock, ...sale, ...account];
