'use client';

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScorecardLevel } from '@/lib/domain/scorecard-rules';
import type { ScorecardTrend } from './scorecard-types';

// The level distribution at the end of each day, stacked areas in the levels' colours (lowest at
// the bottom). Days come from GET .../trend, walked back from the live results through history.

export function trendRows(trend: ScorecardTrend, levels: ScorecardLevel[]): Array<Record<string, number | string>> {
  return trend.days.map((day) => {
    // Keyed by the level's rank (l0, l1...), never by its name: names are chosen by people, and
    // recharts reads a dotted dataKey as a path.
    const row: Record<string, number | string> = { date: day.date };
    levels.forEach((l, i) => (row[`l${i}`] = day.levels.find((x) => x.name === l.name)?.count ?? 0));
    return row;
  });
}

export function TrendChart({ trend, levels }: { trend: ScorecardTrend; levels: ScorecardLevel[] }) {
  const rows = trendRows(trend, levels);
  const last = rows.at(-1);
  return (
    <div
      role="img"
      aria-label={`Level distribution per day over ${rows.length} days${last ? `; on ${last.date}: ${levels.map((l, i) => `${l.name} ${last[`l${i}`]}`).join(', ')}` : ''}`}
      className="h-64 w-full"
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="date"
            tickFormatter={(d: string) => d.slice(5)}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
            tick={{ fontSize: 12, fill: '#64748b' }}
          />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: '#64748b' }} />
          <Tooltip />
          <Legend iconType="square" wrapperStyle={{ fontSize: 12 }} />
          {levels.map((l, i) => (
            <Area
              key={l.name}
              type="linear"
              dataKey={`l${i}`}
              name={l.name}
              stackId="levels"
              stroke={l.color}
              fill={l.color}
              fillOpacity={0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
