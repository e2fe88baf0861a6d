import { describe, expect, it } from 'vitest';
import { checkTemplate, hasExpressions, renderTemplate, TemplateError } from './template';

const scope = { inputs: { name: 'api', replicas: 3, tags: ['a', 'b'] }, entity: { identifier: 'svc-1' } };

describe('templates', () => {
  it('a whole-string expression keeps its type; text around expressions gives a string', async () => {
    const out = await renderTemplate(
      { n: '{{ inputs.replicas }}', tags: '{{ inputs.tags }}', label: 'svc-{{ inputs.name }}-{{ inputs.replicas }}', plain: 'x', k: 1 },
      scope,
    );
    expect(out).toEqual({ n: 3, tags: ['a', 'b'], label: 'svc-api-3', plain: 'x', k: 1 });
  });

  it('an expression without a value drops the member, and is null in an array', async () => {
    expect(await renderTemplate({ a: '{{ inputs.missing }}', b: ['{{ inputs.missing }}'] }, scope)).toEqual({ b: [null] });
  });

  it('a user key like __proto__ stays an own member', async () => {
    const out = (await renderTemplate(JSON.parse('{"__proto__": "{{ inputs.name }}"}'), scope)) as object;
    expect(Object.getOwnPropertyNames(out)).toEqual(['__proto__']);
  });

  it('syntax faults name the string by its JSON pointer', () => {
    expect(checkTemplate({ headers: { 'a/b': '{{ inputs. }}' } }, '/steps/0')).toEqual([
      { path: '/steps/0/headers/a~1b', message: expect.stringContaining('not a valid JSONata expression') },
    ]);
    expect(checkTemplate({ ok: '{{ $uppercase(inputs.name) }}' })).toEqual([]);
    expect(hasExpressions({ a: ['x', '{{ 1 }}'] })).toBe(true);
    expect(hasExpressions({ a: 'no braces' })).toBe(false);
  });

  it('an endless expression is stopped by the time limit', async () => {
    const loop = '{{ ($f := function($n) { $n < 0 ? 0 : $f($n + 1) }; $f(0)) }}';
    await expect(renderTemplate({ x: loop }, scope, '/body')).rejects.toBeInstanceOf(TemplateError);
    const spin = '{{ $reduce([1..10000000], function($a, $b) { $a + $b }) }}';
    const started = Date.now();
    await expect(renderTemplate({ x: spin }, scope)).rejects.toThrow(/longer than|nests too deeply|failed/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a huge result is refused', async () => {
    await expect(renderTemplate('{{ $pad("", 300000, "x") }}', scope)).rejects.toThrow(/more than/);
  });
});
