/**
 * Invoicing: taxes, journals, payment terms, customer invoices (account.move with their
 * account.move.line), payments and the register-payment wizard, with Odoo 18/19 field names
 * (`memo` on payments; payment states draft/in_process/paid/canceled/rejected).
 * Simplifications are listed in ../business/invoicing.ts and ../business/payments.ts.
 */
import type { Env, ModelDef, StoredRecord } from '../orm/model-def.js';
import { lineAmounts } from '../business/amounts.js';
import { cancelMoves, draftMoves, postMoves, refreshMove, saleJournal } from '../business/invoicing.js';
import { nextByCode } from '../business/sequence.js';
import {
  bankJournal,
  commercialPartner,
  contextInvoices,
  createPayments,
  residualOf,
} from '../business/payments.js';
import { children, m2o, num, roundMoney, str, today, x2m } from '../business/values.js';

const tax: ModelDef = {
  name: 'account.tax',
  description: 'Tax',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', string: 'Tax Name', required: true },
    amount_type: {
      type: 'selection',
      string: 'Tax Computation',
      default: 'percent',
      selection: [
        ['group', 'Group of Taxes'],
        ['fixed', 'Fixed'],
        ['percent', 'Percentage'],
        ['division', 'Percentage Tax Included'],
      ],
    },
    amount: { type: 'float', string: 'Amount', default: 0 },
    type_tax_use: {
      type: 'selection',
      string: 'Tax Type',
      default: 'sale',
      selection: [
        ['sale', 'Sales'],
        ['purchase', 'Purchases'],
        ['none', 'None'],
      ],
    },
    price_include: { type: 'boolean', string: 'Included in Price', default: false },
    description: { type: 'char', string: 'Label on Invoices' },
    sequence: { type: 'integer', string: 'Sequence', default: 1 },
    active: { type: 'boolean', string: 'Active', default: true },
  },
};

const journal: ModelDef = {
  name: 'account.journal',
  description: 'Journal',
  order: 'sequence, type, code',
  fields: {
    name: { type: 'char', string: 'Journal Name', required: true },
    code: { type: 'char', string: 'Short Code', required: true },
    type: {
      type: 'selection',
      string: 'Type',
      required: true,
      selection: [
        ['sale', 'Sales'],
        ['purchase', 'Purchase'],
        ['cash', 'Cash'],
        ['bank', 'Bank'],
        ['credit', 'Credit Card'],
        ['general', 'Miscellaneous'],
      ],
    },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    currency_id: { type: 'many2one', string: 'Currency', relation: 'res.currency' },
    active: { type: 'boolean', string: 'Active', default: true },
  },
};

/** Odoo 17+ payment terms: lines with a percentage and a number of days (only `days_after` here). */
const paymentTerm: ModelDef = {
  name: 'account.payment.term',
  description: 'Payment Terms',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', string: 'Payment Terms', required: true },
    note: { type: 'html', string: 'Description on the Invoice' },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    active: { type: 'boolean', string: 'Active', default: true },
    line_ids: {
      type: 'one2many',
      string: 'Terms',
      relation: 'account.payment.term.line',
      inverseName: 'payment_id',
    },
  },
};

const paymentTermLine: ModelDef = {
  name: 'account.payment.term.line',
  description: 'Payment Terms Line',
  recName: 'value',
  fields: {
    payment_id: {
      type: 'many2one',
      string: 'Payment Terms',
      relation: 'account.payment.term',
      required: true,
    },
    value: {
      type: 'selection',
      string: 'Type',
      default: 'percent',
      selection: [
        ['percent', 'Percent'],
        ['fixed', 'Fixed'],
      ],
    },
    value_amount: { type: 'float', string: 'Due', default: 100 },
    nb_days: { type: 'integer', string: 'Days', default: 0 },
    delay_type: {
      type: 'selection',
      string: 'Delay Type',
      default: 'days_after',
      selection: [
        ['days_after', 'Days after invoice date'],
        ['days_after_end_of_month', 'Days after end of month'],
        ['days_after_end_of_next_month', 'Days after end of next month'],
        ['days_end_of_month_on_the', 'Days end of month on the'],
      ],
    },
  },
};

const MOVE_TYPES = [
  ['entry', 'Journal Entry'],
  ['out_invoice', 'Customer Invoice'],
  ['out_refund', 'Customer Credit Note'],
  ['in_invoice', 'Vendor Bill'],
  ['in_refund', 'Vendor Credit Note'],
  ['out_receipt', 'Sales Receipt'],
  ['in_receipt', 'Purchase Receipt'],
] as const;

const DRAFT_LABEL: Record<string, string> = {
  out_invoice: 'Draft Invoice',
  out_refund: 'Draft Credit Note',
  in_invoice: 'Draft Bill',
  in_refund: 'Draft Vendor Credit Note',
  out_receipt: 'Draft Sales Receipt',
  in_receipt: 'Draft Purchase Receipt',
};

function moveOf(env: Env, line: StoredRecord): StoredRecord | null {
  const id = m2o(line.move_id);
  return id ? env.get('account.move', id) : null;
}

const move: ModelDef = {
  name: 'account.move',
  description: 'Journal Entry',
  order: 'date desc, name desc, invoice_date desc, id desc',
  /** account.move `_get_move_display_name`: a draft without number reads `Draft Invoice (* 42)`. */
  displayName: (r) =>
    r.state === 'draft' && (!r.name || r.name === '/')
      ? `${DRAFT_LABEL[str(r.move_type)] ?? 'Draft Entry'} (* ${r.id})`
      : str(r.name),
  fields: {
    name: { type: 'char', string: 'Number', default: '/', readonly: true },
    move_type: { type: 'selection', string: 'Type', required: true, default: 'entry', selection: MOVE_TYPES },
    state: {
      type: 'selection',
      string: 'Status',
      default: 'draft',
      readonly: true,
      selection: [
        ['draft', 'Draft'],
        ['posted', 'Posted'],
        ['cancel', 'Cancelled'],
      ],
    },
    partner_id: { type: 'many2one', string: 'Partner', relation: 'res.partner' },
    commercial_partner_id: {
      type: 'many2one',
      string: 'Commercial Entity',
      relation: 'res.partner',
      compute: (r, env) => commercialPartner(env, m2o(r.partner_id)),
    },
    partner_shipping_id: { type: 'many2one', string: 'Delivery Address', relation: 'res.partner' },
    date: { type: 'date', string: 'Date', default: (env: Env) => today(env) },
    invoice_date: { type: 'date', string: 'Invoice/Bill Date' },
    invoice_date_due: { type: 'date', string: 'Due Date' },
    invoice_origin: { type: 'char', string: 'Origin' },
    ref: { type: 'char', string: 'Reference' },
    payment_reference: { type: 'char', string: 'Payment Reference' },
    narration: { type: 'html', string: 'Terms and Conditions' },
    journal_id: {
      type: 'many2one',
      string: 'Journal',
      relation: 'account.journal',
      default: (env: Env) => saleJournal(env),
    },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      default: (env: Env) => env.search('res.currency', [['name', '=', 'USD']], { limit: 1 })[0] ?? false,
    },
    invoice_payment_term_id: { type: 'many2one', string: 'Payment Terms', relation: 'account.payment.term' },
    invoice_user_id: { type: 'many2one', string: 'Salesperson', relation: 'res.users' },
    invoice_line_ids: {
      type: 'one2many',
      string: 'Invoice lines',
      relation: 'account.move.line',
      inverseName: 'move_id',
    },
    line_ids: {
      type: 'one2many',
      string: 'Journal Items',
      relation: 'account.move.line',
      inverseName: 'move_id',
    },
    amount_untaxed: { type: 'monetary', string: 'Untaxed Amount', readonly: true, default: 0 },
    amount_tax: { type: 'monetary', string: 'Tax', readonly: true, default: 0 },
    amount_total: { type: 'monetary', string: 'Total', readonly: true, default: 0 },
    amount_residual: { type: 'monetary', string: 'Amount Due', readonly: true, default: 0 },
    amount_total_signed: {
      type: 'monetary',
      string: 'Total Signed',
      compute: (r) => (str(r.move_type).endsWith('refund') ? -num(r.amount_total) : num(r.amount_total)),
    },
    payment_state: {
      type: 'selection',
      string: 'Payment Status',
      readonly: true,
      default: 'not_paid',
      selection: [
        ['not_paid', 'Not Paid'],
        ['in_payment', 'In Payment'],
        ['paid', 'Paid'],
        ['partial', 'Partially Paid'],
        ['reversed', 'Reversed'],
        ['blocked', 'Blocked'],
        ['invoicing_legacy', 'Invoicing App Legacy'],
      ],
    },
    matched_payment_ids: {
      type: 'many2many',
      string: 'Payments',
      relation: 'account.payment',
      readonly: true,
    },
  },
  methods: {
    action_post: (env, ids) => postMoves(env, ids),
    button_cancel: (env, ids) => (cancelMoves(env, ids), true),
    button_draft: (env, ids) => (draftMoves(env, ids), true),
  },
  afterCreate: (env, ids) => ids.forEach((id) => refreshMove(env, id)),
  afterWrite: (env, ids, vals) => {
    if ('invoice_line_ids' in vals || 'line_ids' in vals) ids.forEach((id) => refreshMove(env, id));
  },
};

function refreshMovesOfLines(env: Env, ids: number[]): void {
  const moves = new Set(
    ids.map((id) => m2o(env.get('account.move.line', id).move_id)).filter((m): m is number => !!m),
  );
  for (const id of moves) refreshMove(env, id);
}

const moveLine: ModelDef = {
  name: 'account.move.line',
  description: 'Journal Item',
  order: 'date desc, move_name desc, id',
  fields: {
    move_id: { type: 'many2one', string: 'Journal Entry', relation: 'account.move', required: true },
    move_name: { type: 'char', string: 'Number', compute: (r, env) => moveOf(env, r)?.name ?? false },
    date: { type: 'date', string: 'Date', compute: (r, env) => moveOf(env, r)?.date ?? false },
    parent_state: {
      type: 'char',
      string: 'Parent State',
      compute: (r, env) => moveOf(env, r)?.state ?? false,
    },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    display_type: {
      type: 'selection',
      string: 'Display Type',
      default: 'product',
      selection: [
        ['product', 'Product'],
        ['line_section', 'Section'],
        ['line_note', 'Note'],
        ['tax', 'Tax'],
        ['payment_term', 'Payment Term'],
      ],
    },
    product_id: { type: 'many2one', string: 'Product', relation: 'product.product' },
    name: { type: 'char', string: 'Label' },
    quantity: { type: 'float', string: 'Quantity', default: 1 },
    product_uom_id: { type: 'many2one', string: 'Unit', relation: 'uom.uom' },
    price_unit: { type: 'float', string: 'Unit Price', default: 0 },
    discount: { type: 'float', string: 'Discount (%)', default: 0 },
    tax_ids: { type: 'many2many', string: 'Taxes', relation: 'account.tax' },
    price_subtotal: {
      type: 'monetary',
      string: 'Subtotal',
      compute: (r, env) => lineAmounts(env, r, 'quantity').subtotal,
    },
    price_total: {
      type: 'monetary',
      string: 'Total',
      compute: (r, env) => lineAmounts(env, r, 'quantity').total,
    },
    partner_id: {
      type: 'many2one',
      string: 'Partner',
      relation: 'res.partner',
      compute: (r, env) => m2o(moveOf(env, r)?.partner_id),
    },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      compute: (r, env) => m2o(moveOf(env, r)?.currency_id),
    },
    sale_line_ids: {
      type: 'many2many',
      string: 'Sales Order Lines',
      relation: 'sale.order.line',
      readonly: true,
    },
  },
  afterCreate: refreshMovesOfLines,
  afterWrite: (env, ids) => refreshMovesOfLines(env, ids),
};

const payment: ModelDef = {
  name: 'account.payment',
  description: 'Payments',
  order: 'date desc, name desc',
  fields: {
    name: { type: 'char', string: 'Number', readonly: true },
    date: { type: 'date', string: 'Date', required: true, default: (env: Env) => today(env) },
    amount: { type: 'monetary', string: 'Amount', default: 0 },
    payment_type: {
      type: 'selection',
      string: 'Payment Type',
      default: 'inbound',
      selection: [
        ['outbound', 'Send'],
        ['inbound', 'Receive'],
      ],
    },
    partner_type: {
      type: 'selection',
      string: 'Partner Type',
      default: 'customer',
      selection: [
        ['customer', 'Customer'],
        ['supplier', 'Vendor'],
      ],
    },
    memo: { type: 'char', string: 'Memo' },
    payment_reference: { type: 'char', string: 'Payment Reference' },
    journal_id: {
      type: 'many2one',
      string: 'Journal',
      relation: 'account.journal',
      default: (env: Env) => bankJournal(env),
    },
    currency_id: { type: 'many2one', string: 'Currency', relation: 'res.currency' },
    partner_id: { type: 'many2one', string: 'Customer/Vendor', relation: 'res.partner' },
    state: {
      type: 'selection',
      string: 'Status',
      default: 'draft',
      readonly: true,
      selection: [
        ['draft', 'Draft'],
        ['in_process', 'In Process'],
        ['paid', 'Paid'],
        ['canceled', 'Canceled'],
        ['rejected', 'Rejected'],
      ],
    },
    invoice_ids: { type: 'many2many', string: 'Invoices', relation: 'account.move', readonly: true },
    reconciled_invoice_ids: {
      type: 'many2many',
      string: 'Reconciled Invoices',
      relation: 'account.move',
      compute: (r) => x2m(r.invoice_ids),
    },
    is_reconciled: {
      type: 'boolean',
      string: 'Is Reconciled',
      compute: (r) => x2m(r.invoice_ids).length > 0,
    },
    is_matched: { type: 'boolean', string: 'Is Matched With a Bank Statement', compute: () => false },
  },
  methods: {
    action_post: (env, ids) => {
      const drafts = ids.filter((id) => env.get('account.payment', id).state === 'draft');
      for (const id of drafts) {
        const p = env.get('account.payment', id);
        if (!p.name) {
          const date = str(p.date) || today(env);
          const j = m2o(p.journal_id) || bankJournal(env);
          const code = str(env.get('account.journal', j).code);
          const name = nextByCode(
            env,
            `account.payment.${j}.${date.slice(0, 4)}`,
            `P${code}/${date.slice(0, 4)}/`,
          );
          env.write('account.payment', [id], { name, journal_id: j });
        }
      }
      if (drafts.length > 0) env.write('account.payment', drafts, { state: 'in_process' });
      return true;
    },
    action_validate: (env, ids) => (env.write('account.payment', ids, { state: 'paid' }), true),
  },
};

function fromContext<T>(env: Env, pick: (invoices: number[]) => T, fallback: T): T {
  if (env.context.active_model !== 'account.move' && env.context.active_model !== 'account.move.line')
    return fallback;
  return pick(contextInvoices(env));
}

const paymentRegister: ModelDef = {
  name: 'account.payment.register',
  description: 'Register Payment',
  fields: {
    payment_date: { type: 'date', string: 'Payment Date', required: true, default: (env: Env) => today(env) },
    amount: {
      type: 'monetary',
      string: 'Amount',
      default: (env: Env) => fromContext(env, (inv) => residualOf(env, inv), 0),
    },
    communication: {
      type: 'char',
      string: 'Memo',
      default: (env: Env) =>
        fromContext<string | false>(
          env,
          (inv) =>
            inv
              .map(
                (id) =>
                  str(env.get('account.move', id).payment_reference) || str(env.get('account.move', id).name),
              )
              .join(' '),
          false,
        ),
    },
    group_payment: { type: 'boolean', string: 'Group Payments', default: true },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      default: (env: Env) =>
        fromContext(env, (inv) => m2o(env.get('account.move', inv[0]!).currency_id), false),
    },
    journal_id: {
      type: 'many2one',
      string: 'Journal',
      relation: 'account.journal',
      default: (env: Env) => bankJournal(env),
    },
    // Simplification: the invoices' product lines stand for their receivable journal items.
    line_ids: {
      type: 'many2many',
      string: 'Journal items',
      relation: 'account.move.line',
      readonly: true,
      default: (env: Env) =>
        contextInvoices(env).flatMap((id) => children(env, 'account.move', id, 'invoice_line_ids')),
    },
    payment_type: {
      type: 'selection',
      string: 'Payment Type',
      default: 'inbound',
      selection: [
        ['outbound', 'Send Money'],
        ['inbound', 'Receive Money'],
      ],
    },
    partner_type: {
      type: 'selection',
      string: 'Partner Type',
      default: 'customer',
      selection: [
        ['customer', 'Customer'],
        ['supplier', 'Vendor'],
      ],
    },
    partner_id: {
      type: 'many2one',
      string: 'Customer/Vendor',
      relation: 'res.partner',
      default: (env: Env) =>
        fromContext(
          env,
          (inv) => commercialPartner(env, m2o(env.get('account.move', inv[0]!).partner_id)),
          false,
        ),
    },
    source_amount: {
      type: 'monetary',
      string: 'Amount to Pay (company currency)',
      default: (env: Env) => fromContext(env, (inv) => residualOf(env, inv), 0),
    },
    payment_difference: {
      type: 'monetary',
      string: 'Payment Difference',
      compute: (r) => roundMoney(num(r.source_amount) - num(r.amount)),
    },
    payment_difference_handling: {
      type: 'selection',
      string: 'Payment Difference Handling',
      default: 'open',
      selection: [
        ['open', 'Keep open'],
        ['reconcile', 'Mark as fully paid'],
      ],
    },
    writeoff_label: { type: 'char', string: 'Journal Item Label', default: 'Write-Off' },
  },
  methods: { action_create_payments: (env, ids) => createPayments(env, ids) },
};

export const models: ModelDef[] = [
  tax,
  journal,
  paymentTerm,
  paymentTermLine,
  move,
  moveLine,
  payment,
  paymentRegister,
];
