import type { ModelDef } from '../orm/model-def.js';

export const models: ModelDef[] = [];
