import type { CommandOutput } from '../command.js';
import type { Plan, PlanStep } from './plan-step.js';

const indent = (text: string, by = '      '): string => text.split('\n').map((l) => by + l).join('\n');

/** Statements print as SQL, policies as HCL, everything else as JSON. */
function renderField(key: string, value: unknown): string {
  if (key.endsWith('_statements') && Array.isArray(value)) {
    return `    ${key}:\n${value.map((s) => indent(String(s))).join('\n')}`;
  }
  if (key === 'policy' && typeof value === 'string') return `    policy (HCL):\n${indent(value.trimEnd())}`;
  return `    ${key}: ${JSON.stringify(value)}`;
}

function renderStep(s: PlanStep, index: number): string {
  const head = `${index + 1}. ${s.method} ${s.path}\n    # ${s.why}`;
  if (!s.body) return head;
  return [head, ...Object.entries(s.body).map(([k, v]) => renderField(k, v))].join('\n');
}

/** The plan as command output: JSON for scripts, numbered requests for people. */
export function planOutput(plan: Plan): CommandOutput {
  const lines = [`plan for ${plan.operation} (nothing was sent; passwords masked)`, ''];
  plan.steps.forEach((s, i) => lines.push(renderStep(s, i), ''));
  for (const note of plan.notes ?? []) lines.push(`note: ${note}`);
  return { json: { plan: true, ...plan }, text: lines.join('\n').trimEnd() };
}
