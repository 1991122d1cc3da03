/**
 * A storefront's product page, with types generated from the graph (`npm run codegen`).
 * With `npm start` running:  npx tsx examples/storefront/product-page.ts [SKU]
 * GRAPH_URL and GRAPH_API_KEY default to the embedded stack and its internal demo key.
 */
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { CatalogueDocument, ProductPageDocument } from '../generated/graphql.js';
import { runOperation } from './graph-client.js';

const url = process.env.GRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
const apiKey = process.env.GRAPH_API_KEY ?? DEMO_INTERNAL_API_KEY;

let sku = process.argv[2];
if (!sku) {
  const page = await runOperation(url, apiKey, CatalogueDocument, { first: 1 });
  sku = page.data?.products.edges[0]?.node.sku;
}
if (!sku) throw new Error('The catalogue is empty');

const { data, errors } = await runOperation(url, apiKey, ProductPageDocument, { sku });
if (errors)
  throw new Error(errors.map((error) => `${String(error.extensions?.code)}: ${error.message}`).join('\n'));
const product = data?.product;
if (!product) {
  process.stdout.write(`No product ${sku}\n`);
} else {
  const lines = [
    `${product.name} (${product.sku})  ${product.listPrice.amount} ${product.listPrice.currency} per ${product.unit}`,
    ...product.stock.map(
      (level) => `  ${level.warehouse.code}  ${level.available.value} ${level.available.unit} available`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
