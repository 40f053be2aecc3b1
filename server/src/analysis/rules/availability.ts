// The availability family: the service's estimated availability against its target.

import type { Rule } from '../rule';
import { describeElement, formatEstimateAndDowntime, formatShare, formatTarget } from '../availability/wording';

export const belowSlo: Rule = {
  meta: {
    id: 'below-slo',
    defaultSeverity: 'warning',
    title: 'Availability below the SLO',
    explanation:
      'The design sets `slo`, its availability target, and the availability that its elements give it is lower. ' +
      'The availability is the probability that the service is up when every zone, host and instance fails independently with the probability its `availability` says ' +
      '(defaults: zone 0.9999, host 0.999, instance 0.9995), under the same rules as the single-point-of-failure analysis (docs/availability.md). ' +
      'A target the design cannot reach on paper will not be reached in production: repairs, deploys and correlated failures only lower it.',
    fix:
      'Start with the element that has the largest share of the downtime (the message names it; hover on `slo` lists the rest and the pairs that fail together). ' +
      'Give it redundancy: a second instance on a host in another zone, `failover: automatic`, or a second DNS alternative. Each redundancy quick fix says what it buys.',
    fixable: false,
    needsAvailability: true,
    references: [
      { title: 'Google SRE book: Embracing Risk', url: 'https://sre.google/sre-book/embracing-risk/' },
      { title: 'Google SRE book: Service Level Objectives', url: 'https://sre.google/sre-book/service-level-objectives/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1], tls: true }',
        'slo: 0.999',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true, monitoring: prometheus }',
        '  web-2: { firewall: true, monitoring: prometheus }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
        'slo: 0.999',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const slo = ctx.design.slo;
    if (slo === undefined || !(slo > 0 && slo <= 1)) return;
    const a = ctx.availability();
    // With bounds only, the design is below its target for certain only when the upper bound is.
    if (!a || (a.bounds ? a.bounds.upper : a.estimate) >= slo) return;
    const top = a.shares[0];
    const source = top ? `; the largest share of the downtime is ${describeElement(top.element)} (${formatShare(top.share)})` : '';
    ctx.report({
      message:
        `The design's availability is ${formatEstimateAndDowntime(a)}, ` +
        `below its SLO of ${formatTarget(slo)}${source}`,
      target: { kind: 'document', id: '' },
      path: ['slo'],
      part: 'value',
    });
  },
};

export const availabilityRules: readonly Rule[] = [belowSlo];
