// The capacity family: whether the instances can carry the peak load, with and without
// one of them. Every required component is taken to see the whole `load.peak`, the
// simple model of a request that passes through each tier once.

import type { Component } from '../../model/types';
import type { FixIntent } from '../../model/findings';
import type { Rule, RuleContext } from '../rule';
import { moreInstancesFix } from './fix-plans';
import { describeComponent, instancesOf } from './queries';
import { count } from './text';

/** More new hosts than this in one fix would be a wall of YAML: then no fix is offered. */
const MAX_ADDED_INSTANCES = 10;

interface Sized {
  c: Component;
  instances: number;
  capacity: number;
  peak: number;
}

function sizedComponents(ctx: RuleContext): Sized[] {
  const peak = ctx.design.load?.peak;
  if (peak === undefined || peak <= 0) return [];
  const out: Sized[] = [];
  for (const c of ctx.design.components.values()) {
    if (c.capacity === undefined || c.capacity <= 0 || !ctx.model.required.has(c.id)) continue;
    const instances = instancesOf(ctx, c.id).length;
    if (instances > 0) out.push({ c, instances, capacity: c.capacity, peak });
  }
  return out;
}

function addInstances(ctx: RuleContext, s: Sized, wanted: number): FixIntent[] | undefined {
  const extra = wanted - s.instances;
  if (extra <= 0 || extra > MAX_ADDED_INSTANCES) return undefined;
  const fix = moreInstancesFix(ctx, s.c, extra);
  return fix ? [fix] : undefined;
}

export const capacityExceeded: Rule = {
  meta: {
    id: 'capacity-exceeded',
    defaultSeverity: 'error',
    title: 'Not enough capacity for the peak load',
    explanation:
      '`capacity` is how many requests per second one instance of a component serves; `load.peak` is how many the service receives at its busiest. ' +
      'When the peak is more than all instances together can serve, the component is overloaded every day at peak: requests queue, time out and fail, ' +
      'and overloaded servers often serve less, not more. Each component the service needs is taken to see the whole peak.',
    fix: 'Add instances until instances × capacity covers the peak (the quick fix adds the missing ones), or raise the capacity of each instance.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Handling Overload', url: 'https://sre.google/sre-book/handling-overload/' },
      { title: 'Google SRE book: Load Balancing in the Datacenter', url: 'https://sre.google/sre-book/load-balancing-datacenter/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, capacity: 1000, tls: true }',
        'load: { peak: 2500 }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 4, capacity: 1000, tls: true }',
        'load: { peak: 2500 }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const s of sizedComponents(ctx)) {
      const total = s.instances * s.capacity;
      if (s.peak <= total) continue;
      ctx.report({
        message: `${describeComponent(s.c, s.c.id)} serves at most ${total} requests/s (${count(s.instances, 'instance')} × ${s.capacity}) but load.peak is ${s.peak}: it is overloaded at peak`,
        target: { kind: 'component', id: s.c.id },
        path: s.c.path,
        fixes: addInstances(ctx, s, Math.ceil(s.peak / s.capacity) + 1),
      });
    }
  },
};

export const noFailoverHeadroom: Rule = {
  meta: {
    id: 'no-failover-headroom',
    defaultSeverity: 'warning',
    title: 'No headroom to lose an instance',
    explanation:
      'Redundancy only works if the instances that survive a failure can carry the load of the one that failed. ' +
      'When the peak load is more than one instance fewer can serve ((instances − 1) × `capacity`), ' +
      'losing an instance at peak overloads the others, and they can fail one after another: a cascading failure. ' +
      'Planning for N + 1 instances keeps a failure, or a rolling deploy, invisible to users.',
    fix: 'Add an instance, so that the peak fits in all instances but one (N + 1 redundancy).',
    fixable: true,
    references: [
      { title: 'Google SRE book: Addressing Cascading Failures', url: 'https://sre.google/sre-book/addressing-cascading-failures/' },
      { title: 'Google SRE book: Handling Overload', url: 'https://sre.google/sre-book/handling-overload/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 2, capacity: 1000, tls: true }',
        'load: { peak: 1500 }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  web: { type: web-server, replicas: 3, capacity: 1000, tls: true }',
        'load: { peak: 1500 }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const s of sizedComponents(ctx)) {
      // One instance: losing it is an outage, which spof and deploy-downtime report.
      if (s.instances < 2) continue;
      const total = s.instances * s.capacity;
      const degraded = (s.instances - 1) * s.capacity;
      if (s.peak > total || s.peak <= degraded) continue;
      ctx.report({
        message: `${describeComponent(s.c, s.c.id)} needs all ${s.instances} instances at peak (load.peak ${s.peak}, ${s.capacity} requests/s each): losing one overloads the rest`,
        target: { kind: 'component', id: s.c.id },
        path: s.c.path,
        fixes: addInstances(ctx, s, Math.ceil(s.peak / s.capacity) + 1),
      });
    }
  },
};

export const capacityRules: readonly Rule[] = [capacityExceeded, noFailoverHeadroom];
