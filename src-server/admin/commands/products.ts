import { productCategories } from '@shared/service/catalogue';
import type { Product } from '@shared/service/catalogue';
import { parseUah, setProductPrice, setProductStock, withdrawProduct } from '../../provisioning/catalogue';
import { listProducts } from '../../store/catalogue';
import { parseCommand, required, UsageError } from '../args';
import type { AdminCommand } from '../env';
import { formatTable } from '../table';

function uah(kopiykas: number): string {
  const whole = Math.floor(kopiykas / 100).toLocaleString('uk-UA');
  const rest = kopiykas % 100;
  return `${whole}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`} грн`;
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d+$/u.test(text.trim())) throw new UsageError(`--${name} must be a whole number, not "${text}"`);
  return Number(text);
}

function describe(product: Product): string {
  const stock = product.stock > 0 ? `${product.stock} in stock` : `pre-order, ${product.leadTimeDays} days`;
  return `${product.sku} «${product.name}»: ${uah(product.priceKopiykas)}, ${stock} (change ${product.changeSeq})`;
}

export const productList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { category: { type: 'string' }, search: { type: 'string' } });
  if (values.category !== undefined && !(productCategories as readonly string[]).includes(values.category)) {
    throw new UsageError(`--category must be one of ${productCategories.join(', ')}`);
  }
  const products = listProducts(env.db(), { category: values.category, search: values.search });
  if (products.length === 0) return env.out('No products match.');
  const lines = formatTable(
    ['id', 'sku', 'name', 'maker', 'category', 'price', 'stock', 'status'],
    products.map((p) => [
      p.id,
      p.sku,
      p.name,
      p.brand,
      p.category,
      uah(p.priceKopiykas),
      p.stock > 0 ? String(p.stock) : `0 (${p.leadTimeDays} d)`,
      p.active ? 'offered' : 'withdrawn',
    ]),
  );
  lines.forEach(env.out);
};

export const productSetPrice: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { id: { type: 'string' }, uah: { type: 'string' } });
  const text = required(values.uah, 'uah');
  const kopiykas = parseUah(text);
  if (kopiykas === null || kopiykas <= 0) throw new UsageError(`--uah must be a positive amount of hryvnias (14800 or 14800.50), not "${text}"`);
  env.out(`Price set: ${describe(setProductPrice(env.db(), required(values.id, 'id'), kopiykas))}`);
};

export const productSetStock: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { id: { type: 'string' }, qty: { type: 'string' }, 'lead-days': { type: 'string' } });
  const qty = wholeNumber(required(values.qty, 'qty'), 'qty');
  const lead = values['lead-days'] === undefined ? undefined : wholeNumber(values['lead-days'], 'lead-days');
  env.out(`Stock set: ${describe(setProductStock(env.db(), required(values.id, 'id'), qty, lead))}`);
};

export const productWithdraw: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { id: { type: 'string' } });
  const product = withdrawProduct(env.db(), env.clock, required(values.id, 'id'));
  env.out(`Withdrew ${product.sku} «${product.name}». Laptops drop it on their next sync (change ${product.changeSeq}).`);
};
