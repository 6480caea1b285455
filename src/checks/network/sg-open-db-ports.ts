// sg-open-db-ports: no security-group ingress rule exposes a database, cache, search or streaming port to the
// internet (controls.md 1.G). Same rule evaluation as sg-open-admin-ports (helpers/network.ts); the port list is an
// option (`ports`, entries like "3306" or "1433-1434").
import { defineCheck } from '../define.ts';
import { evaluateOpenIngress, parsePortRange, ruleCoversRange } from '../helpers/network.ts';

/** The catalog's list, with what each port serves (for messages). */
// an array, not an object: integer-like keys would be reordered numerically
const KNOWN: ReadonlyArray<readonly [string, string]> = [
  ['1433-1434', 'SQL Server'],
  ['1521', 'Oracle'],
  ['2483-2484', 'Oracle'],
  ['3306', 'MySQL/MariaDB/Aurora'],
  ['5432', 'PostgreSQL'],
  ['5439', 'Redshift'],
  ['6379', 'Redis'],
  ['11211', 'Memcached'],
  ['27017-27018', 'MongoDB/DocumentDB'],
  ['9200', 'OpenSearch'],
  ['9300', 'OpenSearch'],
  ['5601', 'OpenSearch Dashboards/Kibana'],
  ['7199', 'Cassandra'],
  ['9042', 'Cassandra'],
  ['9160', 'Cassandra'],
  ['9092', 'Kafka'],
  ['8182', 'Neptune'],
];

export const DEFAULT_DB_PORTS = KNOWN.map(([ports]) => ports);
const SERVES = new Map(KNOWN);

function label(entry: string): string {
  const what = SERVES.get(entry.trim());
  return `tcp ${entry.trim()}${what === undefined ? '' : ` (${what})`}`;
}

/** The database ports (from `ports`) a rule lets in, as labels. */
export function dbServices(rule: Parameters<typeof ruleCoversRange>[0], ports: readonly string[] = DEFAULT_DB_PORTS): string[] {
  return ports.flatMap((entry) => {
    const range = parsePortRange(entry);
    return range !== undefined && ruleCoversRange(rule, 'tcp', range.from, range.to) ? [label(entry)] : [];
  });
}

export default defineCheck({
  meta: {
    id: 'sg-open-db-ports',
    title: 'No security group exposes database/cache/search ports to the internet',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2SecurityGroupRule',
    rationale:
      'Databases, caches and search clusters reachable from the whole internet are found by scanners within hours and are a leading cause of data leaks and ransom wipes; they belong in private subnets, reachable only from the application tier.',
    remediation: {
      text: 'Revoke the rule and allow the port only from the application security group (a referenced group) or private CIDRs; keep data stores in private subnets.',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id> --region <region>',
      terraform: '# replace cidr_ipv4 = "0.0.0.0/0" / cidr_ipv6 = "::/0" on the aws_vpc_security_group_ingress_rule with referenced_security_group_id = <app-sg>',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
    ],
    compliance: {
      prowler: [
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_memcached_11211',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_elasticsearch_kibana_9200_9300_5601',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cassandra_7199_9160_8888',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_kafka_9092',
      ],
      sources: ['000', '001', '003'],
    },
    fixable: true,
    reads: ['regional.*.ec2.securityGroups', 'regional.*.ec2.prefixLists', 'regional.*.ec2.networkInterfaces'],
  },
  defaultOptions: { ports: DEFAULT_DB_PORTS },
  optionProblems: (o) => o.ports.filter((p) => parsePortRange(p) === undefined).map((p) => `ports: "${p}" is not a port or port range (e.g. 3306 or 1433-1434)`),
  evaluate(ctx) {
    // high, one level up (critical) when the group sits on an ENI with a public IP, info when attached to nothing
    return evaluateOpenIngress(ctx, {
      severity: 'high',
      verdict: 'fail',
      match: (rule) => dbServices(rule, ctx.options.ports),
      passMessage: (region) => `no security-group ingress rule in ${region} exposes a database, cache or search port to the internet`,
    });
  },
});
