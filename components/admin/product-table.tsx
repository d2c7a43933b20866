import Link from 'next/link';
import type { AdminProduct } from '@/lib/types';
import { Price } from '../price';

export function ProductTable({ products }: { products: AdminProduct[] }) {
  if (products.length === 0) return <p className="empty">No products yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">All products, active and inactive</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.sku}>
              <th scope="row">
                {product.active ? (
                  <Link href={`/product/${encodeURIComponent(product.slug)}`}>{product.name}</Link>
                ) : (
                  product.name
                )}
              </th>
              <td>
                <code>{product.sku}</code>
              </td>
              <td>{product.category}</td>
              <td>
                <Price amount={product.price} currency={product.currency} />
              </td>
              <td>{product.active ? 'Active' : 'Inactive'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
