'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayWrites } from '@/lib/team-home/count-entity-writes';

// Entity writes per day, created / updated / deleted stacked. The chart is the picture; the same
// numbers are in a table that screen readers read (visually hidden) and in the totals below it.

const SERIES = [
  { key: 'created', label: 'Created', color: '#16a34a' },
  { key: 'updated', label: 'Updated', color: '#4f46e5' },
  { key: 'deleted', label: 'Deleted', color: '#dc2626' },
] as const;

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function WritesChart({ days }: { days: DayWrites[] }) {
  const sums = SERIES.map((s) => ({ ...s, total: days.reduce((n, d) => n + d[s.key], 0) }));
  return (
    <div>
      <div aria-hidden className="h-48 w-full" data-testid="writes-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis
              dataKey="day"
              tickFormatter={shortDay}
              tickLine={false}
              axisLine={false}
              minTickGap={16}
              tick={{ fontSize: 11, fill: '#475569' }}
            />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#475569' }} />
            <Tooltip cursor={{ fill: '#f1f5f9' }} labelFormatter={(day) => shortDay(String(day))} />
            <Legend
              iconType="square"
              wrapperStyle={{ fontSize: 12 }}
              // The stack's order (created at the bottom), not the labels' alphabetical one.
              itemSorter={(item) => SERIES.findIndex((s) => s.key === item.dataKey)}
              formatter={(label) => <span className="text-slate-700">{label}</span>}
            />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="writes" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-2 text-xs text-slate-600" data-testid="writes-totals">
        {sums.map((s, i) => (
          <span key={s.key}>
            {i > 0 && ' · '}
            <span className="font-medium tabular-nums text-slate-900" data-testid={`writes-total-${s.key}`}>
              {s.total.toLocaleString('en-US')}
            </span>{' '}
            {s.label.toLowerCase()}
          </span>
        ))}
      </p>
      <table className="sr-only" data-testid="writes-table">
        <caption>Entity writes per day (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-day={d.day}>
              <th scope="row">{d.day}</th>
              {SERIES.map((s) => (
                <td key={s.key} data-series={s.key}>
                  {d[s.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
