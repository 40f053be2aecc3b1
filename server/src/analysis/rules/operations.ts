// The operations family: knowing when something breaks, and getting the data back after.

import { isUnstated } from '../../model/types';
import type { Component } from '../../model/types';
import type { Rule } from '../rule';
import { typeIs } from '../../model/component-types';
import { componentsByHost, describeComponent, hasUnmodelledHosts, mostUsedAgent } from './queries';

export const noMonitoring: Rule = {
  meta: {
    id: 'no-monitoring',
    defaultSeverity: 'warning',
    title: 'Nothing monitors it',
    explanation:
      'Redundancy hides failures from users, and therefore from you: without monitoring, the first failed instance goes unnoticed until the last one fails too. ' +
      'A monitoring agent on each host reports that it is up and how loaded it is, and alerts you while there is still time. ' +
      'A host counts as monitored when it names its agent in `monitoring:`. ' +
      'A component whose hosts are not modelled (`replicas`, or neither `runsOn` nor `replicas`) counts as monitored when the design has a component of type `monitoring`; ' +
      'for a managed service that its provider monitors, suppress the finding with that reason.',
    fix: 'Set `monitoring:` on the host to the agent that reports from it (the quick fix reuses the agent most used in the design, or `prometheus`). For a managed service, add a `monitoring` component or a suppression that says who watches it.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Monitoring Distributed Systems', url: 'https://sre.google/sre-book/monitoring-distributed-systems/' },
      { title: 'Prometheus: Overview', url: 'https://prometheus.io/docs/introduction/overview/' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'hosts:',
        '  web-1: { firewall: true }',
        '  web-2: { firewall: true }',
        'components:',
        '  web: { type: web-server, runsOn: [web-1, web-2], tls: true }',
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
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    const { design } = ctx;
    // The agent the design already uses most, else Prometheus (open source, the common default).
    // Only the design's own agent is a fix without a choice.
    const used = mostUsedAgent(design);
    const agent = used ?? 'prometheus';
    const byHost = componentsByHost(ctx);
    for (const host of design.hosts.values()) {
      // A host that runs nothing is reported as unused; monitoring it is beside the point.
      if (host.monitoring !== undefined || isUnstated(host, 'monitoring') || !byHost.has(host.id)) continue;
      ctx.report({
        message: `Host ${host.id} reports to no monitoring: when it fails or fills up, nobody is told`,
        target: { kind: 'host', id: host.id },
        path: host.path,
        fixes: [{ title: `Set monitoring: ${agent} on ${host.id}`, preferred: true, safe: used !== undefined, changes: [{ op: 'set', path: host.path, key: 'monitoring', value: agent }] }],
      });
    }
    const monitored = [...design.components.values()].some((c) => c.type === 'monitoring');
    if (monitored) return;
    for (const c of design.components.values()) {
      if (!hasUnmodelledHosts(c) || c.type === 'monitoring' || isUnstated(c, 'monitoring')) continue;
      ctx.report({
        message: `${describeComponent(c, c.id)} runs on hosts the design does not model, and no monitoring component watches it: when it fails, nobody is told`,
        target: { kind: 'component', id: c.id },
        path: c.replicas !== undefined ? [...c.path, 'replicas'] : c.path,
      });
    }
  },
};

function backupValue(c: Component): { schedule: string; offsite: true } {
  return { schedule: c.backup?.schedule ?? 'daily', offsite: true };
}

export const noBackup: Rule = {
  meta: {
    id: 'no-backup',
    defaultSeverity: 'warning',
    title: 'Data without a backup',
    explanation:
      'Replicas protect against a failed machine, not against lost data: a wrong `DELETE`, a bad migration, ransomware or a bug that corrupts rows ' +
      'is copied to every replica within a second. Only a backup, a copy from before the mistake that you have restored at least once, brings the data back. ' +
      'Every `database` and `storage` component needs one.',
    fix: 'Add `backup: { schedule: daily, offsite: true }` and set up the job that makes it (for MySQL, for example, `mysqldump` or Percona XtraBackup to object storage); test restoring it.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Data Integrity', url: 'https://sre.google/sre-book/data-integrity/' },
      { title: 'MySQL Reference Manual: Backup and Recovery', url: 'https://dev.mysql.com/doc/refman/8.0/en/backup-and-recovery.html' },
      { title: 'PostgreSQL: Backup and Restore', url: 'https://www.postgresql.org/docs/current/backup.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db: { type: database, replicas: 2, mode: primary-replica, failover: automatic }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [db] }',
        '  db:',
        '    type: database',
        '    replicas: 2',
        '    mode: primary-replica',
        '    failover: automatic',
        '    backup: { schedule: daily, offsite: true }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      if (!typeIs(c.type, 'durable') || c.backup !== undefined || isUnstated(c, 'backup')) continue;
      ctx.report({
        message: `${describeComponent(c, c.id)} has no backup: a deletion or corruption reaches every replica, and the data is gone`,
        target: { kind: 'component', id: c.id },
        path: c.path,
        fixes: [{ title: `Add a daily offsite backup to ${c.id}`, preferred: true, changes: [{ op: 'set', path: c.path, key: 'backup', value: backupValue(c) }] }],
      });
    }
  },
};

export const backupNotOffsite: Rule = {
  meta: {
    id: 'backup-not-offsite',
    defaultSeverity: 'info',
    title: 'Backup kept on site',
    explanation:
      'A backup stored next to the data it protects (same host, same data centre, same cloud account) is lost in the same fire, flood, ' +
      'account compromise or ransomware attack. The classic 3-2-1 rule keeps three copies, on two kinds of media, one of them off site. ' +
      '`offsite: true` says a copy of the backup leaves the failure domain of the original.',
    fix: 'Copy the backups to another region or provider, and set `offsite: true`.',
    fixable: true,
    references: [
      { title: 'Google SRE book: Data Integrity', url: 'https://sre.google/sre-book/data-integrity/' },
      { title: 'AWS Well-Architected Framework: Reliability pillar', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html' },
    ],
    examples: {
      bad: [
        'version: 1',
        'name: shop',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [files] }',
        '  files: { type: storage, replicas: 3, backup: { schedule: daily } }',
        '',
      ].join('\n'),
      good: [
        'version: 1',
        'name: shop',
        'components:',
        '  app: { type: app-server, replicas: 2, tls: true, dependsOn: [files] }',
        '  files: { type: storage, replicas: 3, backup: { schedule: daily, offsite: true } }',
        '',
      ].join('\n'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.components.values()) {
      const backup = c.backup;
      if (!backup || backup.offsite === true) continue;
      const writtenFalse = backup.offsite === false;
      // `backup: true` and `backup: {}` read the same in the model; rewriting the whole
      // value is right for both, and loses nothing once a schedule is kept.
      const change = writtenFalse
        ? { op: 'replace-value' as const, path: [...c.path, 'backup', 'offsite'], value: true }
        : backup.schedule !== undefined
          ? { op: 'set' as const, path: [...c.path, 'backup'], key: 'offsite', value: true }
          : { op: 'set' as const, path: c.path, key: 'backup', value: backupValue(c) };
      ctx.report({
        message: `The backup of ${c.id} is kept on site: a disaster or a compromise that destroys ${c.id} can destroy its backup too`,
        target: { kind: 'component', id: c.id },
        path: writtenFalse ? [...c.path, 'backup', 'offsite'] : [...c.path, 'backup'],
        part: writtenFalse ? 'value' : 'key',
                // Safe unless it must invent a schedule for `backup: true`.
        fixes: [{ title: `Set offsite: true on the backup of ${c.id}`, preferred: true, safe: writtenFalse || backup.schedule !== undefined, changes: [change] }],
      });
    }
  },
};

export const operationsRules: readonly Rule[] = [noMonitoring, noBackup, backupNotOffsite];
