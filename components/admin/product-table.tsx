import Link from 'next/link';
import type { AdminProduct } from '@/lib/types';
import { Price } from '../price';
import { TableScroll } from '../table-scroll';

/** Every product with its state, a link to edit it, and a button to put it on or off sale. */
export function ProductTable({
  products,
  busy,
  onToggleActive,
}: {
  products: AdminProduct[];
  /** The SKU whose change is under way. */
  busy: string | null;
  onToggleActive: (product: AdminProduct) => void;
}) {
  if (products.length === 0) return <p className="empty">No products yet. Create the first with the form.</p>;
  return (
    <TableScroll label="Products table">
      <table className="table table--stack">
        <caption className="visually-hidden">All products, active and inactive</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.sku}>
              <th scope="row">
                <Link href={`/admin/products/${encodeURIComponent(product.sku)}`}>{product.name}</Link>
              </th>
              <td data-label="SKU">
                <code>{product.sku}</code>
              </td>
              <td data-label="Category">{product.category}</td>
              <td data-label="Price">
                <Price amount={product.price} currency={product.currency} />
              </td>
              <td data-label="Status">
                <span className={product.active ? 'badge' : 'badge badge--muted'}>
                  {product.active ? 'Active' : 'Inactive'}
                </span>
              </td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onToggleActive(product)}
                  disabled={busy === product.sku}
                >
                  {product.active ? 'Deactivate' : 'Activate'}
                  <span className="visually-hidden"> {product.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
