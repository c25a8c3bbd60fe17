// JUnit XML for CI systems: one testsuite, one testcase per result, a
// <failure> for each failed intent. Written by hand because escaping is the
// whole job: text from a snapshot (tag values, names) may hold any character,
// and XML 1.0 forbids some outright.
import type { CheckReport, CheckResult } from '../../shared/api/intents.js';
import { outcomeOf, subjectOf } from '../../shared/api/intents.js';

export function junitXml(report: CheckReport): string {
  const { total, failed } = report.summary;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="reachmap check" tests="${total}" failures="${failed}" errors="0">`,
    `  <testsuite name="${escapeAttribute(report.intents)}" tests="${total}" failures="${failed}" errors="0" skipped="0">`,
    ...report.results.map(testcase),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testcase(result: CheckResult): string {
  const open = `    <testcase classname="reachmap.check.${result.kind === 'flow' ? 'flows' : 'exposure'}" name="${escapeAttribute(subjectOf(result))}"`;
  if (result.passed) return `${open}/>`;
  const message = outcomeOf(result);
  return [`${open}>`, `      <failure message="${escapeAttribute(message)}" type="${result.kind}">${escapeXml(failureDetail(result, message))}</failure>`, '    </testcase>'].join('\n');
}

/** the body of <failure>: the outcome, and for a dropped flow what dropped it and the fix */
function failureDetail(result: CheckResult, message: string): string {
  if (result.kind !== 'flow' || !result.blocked) return message;
  const { blocked } = result;
  const lines = [message, blocked.detail];
  if (blocked.fix) lines.push(`fix: ${blocked.fix.text}`, blocked.fix.command);
  return lines.join('\n');
}

// XML 1.0 allows tab, newline, carriage return and U+0020 up; lone surrogates and U+FFFE/U+FFFF are not characters
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** parsers turn raw newlines and tabs in attribute values into spaces: keep them as references */
export function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
