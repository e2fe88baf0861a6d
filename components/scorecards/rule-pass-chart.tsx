'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// The pass rate per rule as horizontal bars (passed green, failed red, stacked to 100%), one row
// per rule in the scorecard's order. The counts, each a link, are in the table beside it.

export type RuleRate = { label: string; passed: number; failed: number };

export function RulePassChart({ rules }: { rules: RuleRate[] }) {
  const data = rules.map((r) => {
    const total = r.passed + r.failed;
    return { label: r.label, passed: total ? (100 * r.passed) / total : 0, failed: total ? (100 * r.failed) / total : 0 };
  });
  return (
    <div
      role="img"
      aria-label={`Pass rate per rule: ${data.map((r) => `${r.label} ${Math.round(r.passed)}%`).join(', ')}`}
      className="w-full"
      style={{ height: Math.max(120, 36 * data.length + 40) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barSize={16}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            domain={[0, 100]}
            tickFormatter={(v) => `${v}%`}
            tickLine={false}
            axisLine={false}
            tick={{ fontSize: 12, fill: '#64748b' }}
          />
          <YAxis type="category" dataKey="label" width={150} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: '#334155' }} />
          <Tooltip
            formatter={(value, name) => [`${Math.round(Number(value))}%`, name === 'passed' ? 'Pass' : 'Fail']}
            cursor={{ fill: '#f8fafc' }}
          />
          <Bar dataKey="passed" stackId="rate" fill="#10b981" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="rate" fill="#fca5a5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
