// `exposure: {allow: [...], otherwise: deny}`: every service the exposure
// audit finds reachable from the internet must be covered by an allow rule
// for that ENI, protocol, port and source; whatever is left over is reported
// precisely (ENI, protocol, ports, sources).
import type { Cidr } from '../../model/ipv4.js';
import { cidrRange, parseCidr } from '../../model/ipv4.js';
import { cidr6Contains, parseCidr6, type Cidr6 } from '../../model/ipv6.js';
import type { NetworkModel } from '../../model/types.js';
import { InputError } from '../errors.js';
import type { ExposedService, ExposureReport } from '../exposure-types.js';
import type { ExposureCheckResult, UnexpectedExposure } from './check-types.js';
import type { ExposureAllowRule, ExposureIntent, PortSpan } from './document.js';
import { normalizeProtocol } from './document.js';
import { resolveExposureTarget } from './exposure-targets.js';
import { subtractSpans } from './port-spans.js';

/** tcp/udp port 0 is not a port a client can use; SG rules "0-65535" should not need it allowed */
const USABLE_PORTS: PortSpan = { from: 1, to: 65535 };

interface ResolvedRule {
  rule: ExposureAllowRule;
  enis: ReadonlySet<string>;
  from: Cidr[] | undefined;
  /** the rule's IPv6 blocks (a rule with `from` and none of them admits no IPv6 source) */
  from6: Cidr6[];
}

export function checkExposure(model: NetworkModel, intent: ExposureIntent, report: ExposureReport, file: string): ExposureCheckResult {
  const rules: ResolvedRule[] = intent.allow.map((rule) => ({
    rule,
    enis: resolveExposureTarget(model, rule.to, `${file}: exposure.allow[${rule.index}].to`),
    from: rule.from && allowedSources(model, rule.from, `${file}: exposure.allow[${rule.index}].from`),
    from6: (rule.from ?? []).flatMap((text) => {
      const cidr = parseCidr6(text);
      return cidr ? [cidr] : (model.prefixLists.get(text)?.ipv6Cidrs ?? []);
    }),
  }));
  const unexpected: UnexpectedExposure[] = [];
  for (const exposed of report.exposed) {
    const forEni = rules.filter((resolved) => resolved.enis.has(exposed.eni));
    for (const service of exposed.services) {
      for (const leftover of uncoveredParts(model, service, forEni)) {
        unexpected.push({
          eni: exposed.eni,
          instance: exposed.instance,
          name: exposed.name,
          publicIp: exposed.publicIp,
          protocol: normalizeProtocol(service.protocol),
          ports: leftover.ports,
          sources: leftover.sources,
          // an IPv4 entry looks as it always did; an IPv6 one says so
          ...(exposed.family === 'ipv6' ? { family: 'ipv6' as const } : {}),
        });
      }
    }
  }
  return {
    kind: 'exposure',
    intent: {
      id: 'exposure',
      otherwise: intent.otherwise,
      allow: intent.allow.map((rule) => ({ to: rule.to, protocol: rule.protocol, ports: rule.ports, from: rule.from ?? null })),
    },
    passed: unexpected.length === 0,
    // one per interface: an interface exposed over IPv4 and IPv6 has two entries in report.exposed
    exposedEnis: new Set(report.exposed.map((entry) => entry.eni)).size,
    unexpected,
    warnings: report.warnings,
  };
}

/** the parts of one exposed service no rule allows, grouped: sources that share the same leftover ports go together */
function uncoveredParts(model: NetworkModel, service: ExposedService, rules: readonly ResolvedRule[]): { ports: PortSpan[] | null; sources: string[] }[] {
  const protocol = normalizeProtocol(service.protocol);
  const byLeftover = new Map<string, { ports: PortSpan[] | null; sources: string[] }>();
  for (const source of service.sources) {
    const admitting = rules.filter((resolved) => protocolCovers(resolved.rule.protocol, protocol) && sourceCovered(model, source, resolved));
    let leftover: PortSpan[] | null;
    if (service.ports === null) {
      if (admitting.length > 0) continue;
      leftover = null;
    } else {
      const allowed = admitting.flatMap((resolved) => resolved.rule.ports ?? [USABLE_PORTS]);
      leftover = subtractSpans(subtractSpans(service.ports, allowed), [{ from: 0, to: 0 }]);
      if (leftover.length === 0) continue;
    }
    const key = JSON.stringify(leftover);
    const group = byLeftover.get(key) ?? { ports: leftover, sources: [] };
    group.sources.push(source);
    byLeftover.set(key, group);
  }
  return [...byLeftover.values()];
}

/** the rule's CIDRs, a named prefix list standing for its own CIDRs */
function allowedSources(model: NetworkModel, from: readonly string[], where: string): Cidr[] {
  return from.flatMap((text, index) => {
    const cidr = parseCidr(text);
    if (cidr) return [cidr];
    if (parseCidr6(text)) return [];
    const prefixList = model.prefixLists.get(text);
    if (!prefixList) throw new InputError(`${where}[${index}]: prefix list "${text}" is not in the snapshot`);
    return [...prefixList.cidrs];
  });
}

function protocolCovers(ruleProtocol: string, serviceProtocol: string): boolean {
  return ruleProtocol === 'all' || ruleProtocol === serviceProtocol;
}

/** a source is allowed when the rule's CIDRs together contain it whole (a prefix list: every one of its CIDRs) */
function sourceCovered(model: NetworkModel, source: string, resolved: ResolvedRule): boolean {
  const allowed = resolved.from;
  if (allowed === undefined) return true;
  if (resolved.rule.from?.includes(source)) return true;
  const source6 = parseCidr6(source);
  if (source6) return resolved.from6.some((block) => block.prefix <= source6.prefix && cidr6Contains(block, source6.network));
  const cidr = parseCidr(source);
  const inner = cidr ? [cidr] : model.prefixLists.get(source)?.cidrs;
  if (!inner || inner.length === 0) return false;
  // address blocks as intervals of uint32: what is left of the source once the allowed blocks are taken out
  return subtractSpans(inner.map(addressSpan), allowed.map(addressSpan)).length === 0;
}

function addressSpan(cidr: Cidr): PortSpan {
  const { first, last } = cidrRange(cidr);
  return { from: first, to: last };
}
