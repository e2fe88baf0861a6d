'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LevelCount } from './scorecard-types';

// The level distribution as bars in each level's colour, lowest level on the left. The numbers
// (and their links into the catalog) are in the legend beside it: the chart is the picture.

export function LevelChart({ levels }: { levels: LevelCount[] }) {
  return (
    <div role="img" aria-label={`Entities per level: ${levels.map((l) => `${l.name} ${l.count}`).join(', ')}`} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={levels} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="name" tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: '#475569' }} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: '#64748b' }} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(value) => [Number(value).toLocaleString('en-US'), 'Entities']} />
          <Bar dataKey="count" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {levels.map((l) => (
              <Cell key={l.name} fill={l.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
