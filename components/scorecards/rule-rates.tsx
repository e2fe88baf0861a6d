'use client';

import Link from 'next/link';
import { ruleHref } from './catalog-links';
import { RulePassChart } from './rule-pass-chart';
import type { RuleCount, ScorecardView } from './scorecard-types';

// Each rule's pass rate: the bars, then a table of passed and failed counts, each a link into the
// catalog filtered to the entities that pass (or fail) that rule.

type Where = { team: string; blueprint: string; scorecard: string };

export function RuleRates({ where, view, rules }: { where: Where; view: ScorecardView; rules: RuleCount[] }) {
  if (rules.length === 0) return <p className="mt-2 text-sm text-slate-500">This scorecard has no rules yet.</p>;
  const titleOf = new Map(view.rules.map((r) => [r.identifier, r.title]));
  const label = (id: string) => titleOf.get(id) ?? id;
  return (
    <>
      <RulePassChart rules={rules.map((r) => ({ label: label(r.identifier), passed: r.passed, failed: r.failed }))} />
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">Entities passing and failing each rule</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 font-medium">
              Rule
            </th>
            <th scope="col" className="py-1 font-medium">
              Level
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Pass
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Fail
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rules.map((r) => (
            <tr key={r.identifier} data-rule={r.identifier}>
              <td className="py-1.5 text-slate-800">{label(r.identifier)}</td>
              <td className="py-1.5 text-slate-500">{r.level}</td>
              <td className="py-1.5 text-right">
                <Link
                  href={ruleHref(where, r.identifier, true)}
                  className="font-semibold tabular-nums text-emerald-700 hover:underline"
                  data-count="passed"
                >
                  {r.passed.toLocaleString('en-US')}
                </Link>
              </td>
              <td className="py-1.5 text-right">
                <Link
                  href={ruleHref(where, r.identifier, false)}
                  className="font-semibold tabular-nums text-red-700 hover:underline"
                  data-count="failed"
                >
                  {r.failed.toLocaleString('en-US')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
