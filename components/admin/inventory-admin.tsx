'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { adminToken, allPages, listProductsAsAdmin, stockAsAdmin } from '@/lib/admin';
import type { AdminProduct, StockItem } from '@/lib/types';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { StockChange } from './stock-change';
import { TableScroll } from '../table-scroll';
import { useLoad } from '../use-load';

/** A SKU as the inventory shows it: its stock (none if never stocked) and its product, if the catalog has one. */
export interface InventoryRow {
  sku: string;
  name: string | null;
  stock: StockItem | null;
}

type Loaded = { name: 'ready'; rows: InventoryRow[]; threshold: number };

/** Every product's SKU with its stock, and every stocked SKU, by name then SKU. */
function rowsOf(products: AdminProduct[], stock: StockItem[]): InventoryRow[] {
  const bySku = new Map(stock.map((item) => [item.sku, item]));
  const rows: InventoryRow[] = products.map((p) => ({ sku: p.sku, name: p.name, stock: bySku.get(p.sku) ?? null }));
  const known = new Set(products.map((p) => p.sku));
  for (const item of stock) if (!known.has(item.sku)) rows.push({ sku: item.sku, name: null, stock: item });
  return rows.sort((a, b) => (a.name ?? a.sku).localeCompare(b.name ?? b.sku) || a.sku.localeCompare(b.sku));
}

/**
 * Every SKU's available and reserved units, with a form to adjust or set each one's stock (audited
 * with a reason) and a "Low stock" filter: the SKUs the inventory counts as low (`adminStock` with
 * `lowStock`, the same rule as the StockLow alert).
 */
export function InventoryAdmin() {
  const { state, setState, retry, attempt } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      const token = await adminToken();
      let threshold = 0;
      const [products, stock] = await Promise.all([
        allPages((next) => listProductsAsAdmin(token, next, 100)),
        allPages(async (next) => {
          const page = await stockAsAdmin(token, { nextToken: next });
          threshold = page.lowStockThreshold;
          return page;
        }),
      ]);
      return { name: 'ready', rows: rowsOf(products, stock), threshold };
    }, []),
  );
  const [lowOnly, setLowOnly] = useState(false);
  const [lowSkus, setLowSkus] = useState<Set<string> | 'loading' | { error: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);

  const loadLow = useCallback(async () => {
    setLowSkus('loading');
    try {
      const token = await adminToken();
      const low = await allPages((next) => stockAsAdmin(token, { lowStock: true, nextToken: next }));
      setLowSkus(new Set(low.map((item) => item.sku)));
    } catch (error) {
      setLowSkus({ error: (error as Error).message });
    }
  }, []);

  useEffect(() => {
    if (lowOnly) void loadLow();
  }, [lowOnly, loadLow, attempt]);

  useEffect(() => {
    if (selected) panelHeading.current?.focus();
  }, [selected]);

  const onChanged = useCallback(
    (item: StockItem) => {
      setState((current) =>
        current.name === 'ready'
          ? {
              ...current,
              rows: current.rows.map((row) => (row.sku === item.sku ? { ...row, stock: item } : row)),
            }
          : current,
      );
      if (lowOnly) void loadLow();
    },
    [lowOnly, loadLow],
  );

  if (state.name === 'loading')
    return (
      <section className="admin-page" aria-labelledby="inventory-title">
        <h1 id="inventory-title">Inventory</h1>
        <Loading>Loading stock…</Loading>
      </section>
    );
  if (state.name === 'failed')
    return (
      <section className="admin-page" aria-labelledby="inventory-title">
        <h1 id="inventory-title">Inventory</h1>
        <LoadFailed what="the stock" message={state.message} onRetry={retry} />
      </section>
    );

  const { rows, threshold } = state;
  const shown = lowOnly ? (lowSkus instanceof Set ? rows.filter((row) => lowSkus.has(row.sku)) : []) : rows;
  const selectedRow = rows.find((row) => row.sku === selected) ?? null;

  return (
    <section className="admin-page" aria-labelledby="inventory-title">
      <h1 id="inventory-title">Inventory</h1>
      <p className="lede">
        Available units can be sold; reserved ones are held by orders still in checkout. A SKU is low on stock below{' '}
        {threshold} available.
      </p>
      <div className="admin-filter">
        <label className="checkbox">
          <input type="checkbox" checked={lowOnly} onChange={(event) => setLowOnly(event.target.checked)} />
          Low stock only
        </label>
      </div>

      {selectedRow && (
        <section className="admin__form stock-panel" aria-labelledby="stock-panel-title">
          <h2 id="stock-panel-title" ref={panelHeading} tabIndex={-1}>
            Stock of {selectedRow.name ?? selectedRow.sku}
          </h2>
          <StockChange row={selectedRow} onChanged={onChanged} onClose={() => setSelected(null)} />
        </section>
      )}

      {lowOnly && lowSkus === 'loading' && <Loading>Finding the SKUs low on stock…</Loading>}
      {lowOnly && lowSkus && typeof lowSkus === 'object' && !(lowSkus instanceof Set) && (
        <LoadFailed what="the low-stock list" message={lowSkus.error} onRetry={() => void loadLow()} />
      )}
      {(!lowOnly || lowSkus instanceof Set) &&
        (shown.length === 0 ? (
          <p className="empty">
            {lowOnly ? `No SKU has fewer than ${threshold} available.` : 'No products or stock yet.'}
          </p>
        ) : (
          <TableScroll label="Stock table">
            <table className="table table--stack">
              <caption className="visually-hidden">
                {lowOnly ? `SKUs with fewer than ${threshold} available` : 'Stock of every SKU'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">SKU</th>
                  <th scope="col" className="numeric">
                    Available
                  </th>
                  <th scope="col" className="numeric">
                    Reserved
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.sku}>
                    <th scope="row">{row.name ?? <span className="hint">Not in the catalog</span>}</th>
                    <td data-label="SKU">
                      <code>{row.sku}</code>
                    </td>
                    <td className="numeric" data-label="Available">
                      {row.stock?.available ?? '—'}
                    </td>
                    <td className="numeric" data-label="Reserved">
                      {row.stock?.reserved ?? '—'}
                    </td>
                    <td data-label="State">
                      <StockState row={row} threshold={threshold} />
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setSelected(row.sku)}
                        aria-expanded={selected === row.sku}
                        aria-controls={selected === row.sku ? 'stock-panel-title' : undefined}
                      >
                        Change stock<span className="visually-hidden"> of {row.name ?? row.sku}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
    </section>
  );
}

function StockState({ row, threshold }: { row: InventoryRow; threshold: number }) {
  if (!row.stock) return <span className="badge badge--muted">Not stocked</span>;
  if (row.stock.available === 0) return <span className="badge badge--danger">Out of stock</span>;
  if (row.stock.available < threshold) return <span className="badge badge--warning">Low stock</span>;
  return <span className="badge">In stock</span>;
}
