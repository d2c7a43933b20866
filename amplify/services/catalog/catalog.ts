import { NotFoundError, UserInputError } from '../shared/errors';
import {
  changeProduct,
  createProduct,
  parseNewProduct,
  parseProductChanges,
  toCatalogProduct,
  type CatalogProduct,
  type Product,
} from './product';
import type { CatalogRepository, Page } from './repository';

export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 100;

const pageSize = (limit?: number | null) => {
  if (limit === undefined || limit === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new UserInputError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
};

const asCatalogPage = ({ items, nextToken }: Page<Product>) => ({
  items: items.map(toCatalogProduct),
  nextToken: nextToken ?? null,
});

/** The catalog's use cases; the handler maps GraphQL fields onto these. */
export class Catalog {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  products(args: { category?: string | null; limit?: number | null; nextToken?: string | null }) {
    return this.repository
      .listActive(args.category ?? undefined, { limit: pageSize(args.limit), nextToken: args.nextToken ?? undefined })
      .then(asCatalogPage);
  }

  /** An active product by its slug; an inactive one is as absent to shoppers as a missing one. */
  async productBySlug({ slug }: { slug: string }): Promise<CatalogProduct | null> {
    const product = await this.repository.getBySlug(slug);
    return product?.active ? toCatalogProduct(product) : null;
  }

  async adminCreateProduct(args: unknown): Promise<Product> {
    const input = parseNewProduct(args);
    await this.requireCategory(input.category);
    const product = createProduct(input, this.now());
    await this.repository.create(product);
    return product;
  }

  async adminUpdateProduct(args: unknown): Promise<Product> {
    const changes = parseProductChanges(args);
    const current = await this.require(changes.sku);
    if (changes.category !== undefined) await this.requireCategory(changes.category);
    const next = changeProduct(current, changes, this.now());
    await this.repository.replace(current, next);
    return next;
  }

  async adminSetProductActive({ sku, active }: { sku: string; active: boolean }): Promise<Product> {
    const current = await this.require(sku);
    if (current.active === active) return current;
    const next = { ...current, active, updatedAt: this.now() };
    await this.repository.replace(current, next);
    return next;
  }

  private async require(sku: string): Promise<Product> {
    const product = await this.repository.get(sku);
    if (!product) throw new NotFoundError(`no product with sku ${sku}`);
    return product;
  }

  private async requireCategory(category: string) {
    if (!(await this.repository.categoryExists(category)))
      throw new UserInputError(`category ${category} does not exist`);
  }
}
