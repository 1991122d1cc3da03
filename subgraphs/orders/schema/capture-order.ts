import { builder } from '../builder.js';
import { CaptureOrderInput } from './capture-input.js';
import { CaptureOrderResultType } from './capture-outcomes.js';
import { captureOrder } from './capture-run.js';

builder.mutationField('captureOrder', (t) =>
  t.field({
    type: CaptureOrderResultType,
    description:
      'Captures an order, once per `idempotencyKey`: the same key with the same input answers the first outcome again (`replayed`), with another input IDEMPOTENCY_KEY_REUSED; outcomes are kept 24 hours. Stock and credit are checked before anything is created in Odoo. Scope `orders:write`.',
    authenticated: true,
    requiresScopes: [['orders:write']],
    args: {
      input: t.arg({ type: CaptureOrderInput, required: true, description: 'The order.' }),
      idempotencyKey: t.arg.string({
        required: true,
        description:
          'A key of your choosing, unique per order you mean to place (a UUID); send the same one when retrying.',
      }),
    },
    resolve: (_root, args, context) => captureOrder(context, args.input, args.idempotencyKey),
  }),
);
