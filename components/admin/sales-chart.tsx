import { chartShape, labelledDays, ticks, type ChartDay } from '@/lib/admin-chart';
import { formatPrice } from '@/lib/money';
import { TableScroll } from '../table-scroll';

const BOX = { width: 720, height: 300, padding: { top: 16, right: 48, bottom: 40, left: 80 } };

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

/**
 * Daily revenue as bars (left axis, in `currency`) and orders as a line (right axis), as an inline
 * SVG with a title and a description for screen readers; the numbers themselves are in the table
 * beside it (`SalesTable`).
 */
export function SalesChart({ days, currency, id }: { days: ChartDay[]; currency: string; id: string }) {
  const shape = chartShape(days, BOX);
  const { top, left, right } = BOX.padding;
  const baseline = BOX.height - BOX.padding.bottom;
  const labelled = labelledDays(days.map((d) => d.day));
  const totalRevenue = days.reduce((sum, d) => sum + d.revenue, 0);
  const totalOrders = days.reduce((sum, d) => sum + d.orders, 0);
  const best = days.reduce<ChartDay | null>((b, d) => (d.revenue > (b?.revenue ?? 0) ? d : b), null);
  const path = shape.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const first = days[0]?.day;
  const last = days.at(-1)?.day;

  return (
    <svg
      className="sales-chart"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>
        Daily revenue in {currency} and orders{first && last ? `, ${dayLabel(first)} to ${dayLabel(last)}` : ''}
      </title>
      <desc id={`${id}-desc`}>
        {`Bars show each day's revenue in ${currency}; the line shows each day's orders. ` +
          `In total ${formatPrice(totalRevenue, currency)} from ${totalOrders} ${totalOrders === 1 ? 'order' : 'orders'}` +
          (best ? `; the best day was ${dayLabel(best.day)} with ${formatPrice(best.revenue, currency)}.` : '.')}
      </desc>

      <g className="sales-chart__grid" aria-hidden="true">
        {ticks(shape.revenueMax).map((value) => (
          <g key={`r${value}`}>
            <line x1={left} x2={BOX.width - right} y1={shape.revenueY(value)} y2={shape.revenueY(value)} />
            <text x={left - 8} y={shape.revenueY(value)} textAnchor="end" dominantBaseline="middle">
              {formatPrice(Math.round(value), currency)}
            </text>
          </g>
        ))}
        {ticks(shape.ordersMax).map((value) =>
          Number.isInteger(value) ? (
            <text
              key={`o${value}`}
              className="sales-chart__orders-tick"
              x={BOX.width - right + 8}
              y={shape.ordersY(value)}
              dominantBaseline="middle"
            >
              {value}
            </text>
          ) : null,
        )}
        {days.map((d, i) =>
          labelled.has(d.day) ? (
            <text key={d.day} x={shape.points[i].x} y={baseline + 20} textAnchor="middle">
              {dayLabel(d.day)}
            </text>
          ) : null,
        )}
        <text x={left} y={top - 4} className="sales-chart__axis-label">
          Revenue
        </text>
        <text x={BOX.width - right + 8} y={top - 4} className="sales-chart__axis-label" textAnchor="start">
          Orders
        </text>
      </g>

      <g className="sales-chart__bars" aria-hidden="true">
        {shape.bars.map((bar) => (
          <rect key={bar.day} x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} />
        ))}
      </g>
      <g className="sales-chart__line" aria-hidden="true">
        <path d={path} fill="none" />
        {shape.points.map((p) => (
          <circle key={p.day} cx={p.x} cy={p.y} r={3} />
        ))}
      </g>
      <line
        className="sales-chart__baseline"
        x1={left}
        x2={BOX.width - right}
        y1={baseline}
        y2={baseline}
        aria-hidden="true"
      />
    </svg>
  );
}

/** The chart's numbers as a table: every day, its orders, units and revenue in each currency. */
export function SalesTable({
  days,
  currencies,
}: {
  days: { day: string; orders: number; units: number; revenue: { currency: string; amount: number }[] }[];
  currencies: string[];
}) {
  return (
    <TableScroll label="Sales per day, as a table">
      <table className="table">
        <caption className="visually-hidden">Sales per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" className="numeric">
              Orders
            </th>
            <th scope="col" className="numeric">
              Units
            </th>
            {currencies.map((c) => (
              <th key={c} scope="col" className="numeric">
                Revenue ({c})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((d) => (
            <tr key={d.day}>
              <th scope="row">
                <time dateTime={d.day}>{dayLabel(d.day)}</time>
              </th>
              <td className="numeric">{d.orders}</td>
              <td className="numeric">{d.units}</td>
              {currencies.map((c) => (
                <td key={c} className="numeric">
                  {formatPrice(d.revenue.find((r) => r.currency === c)?.amount ?? 0, c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
