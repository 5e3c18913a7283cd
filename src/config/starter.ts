/** The commented starter config `p5050 init` writes. Every key is optional; an empty key counts as absent. */

export const STARTER_YAML = `# p5050 configuration: City of Cottonwood Social Media Policy P5050.
# p5050 finds this file from the working directory upwards (or use --config FILE).
# Every key is optional; an unknown key is an error, so misspellings are caught.
# Uncomment the examples and put in your own.

# 6.1.14 No political campaigning or endorsements: names that make a post political.
candidates:
  # - Jane Smith
parties:
  # - Green Party
ballotMeasures:
  # - Measure B

# 6.1.8 No confidential information: internal project codenames that must not be posted.
codenames:
  # - Project Bluebird

# 6.1.11 Links need the Department Manager's prior approval unless they point to a government site
# (.gov or .mil, at any level: cottonwoodaz.gov, vote.gov, elections.maricopa.gov) or to one of these
# domains (a domain covers its subdomains). The City's own domain is listed as an example; add the
# sites your manager accepts for every post (partners, the library catalogue, ...).
approvedDomains:
  - cottonwoodaz.gov
  # - verdevalleyfair.org

# The City's own contact details, which posts may share (they are not personal data).
allowlist:
  phones:
    # - (555) 010-2000
  emails:
    # - parks@cottonwoodaz.gov
  addresses:
    # - 100 Main Street

# Per-rule overrides: error, warning, info or off.
# Keys: "screener/rule", a rule id, or a screener id.
rules:
  # confidentiality/confidential-marker: warning

# What makes "p5050 check" exit 1: error (a post is blocked, or needs the Department Manager's
# approval and has none for its current text), warning (also posts that need review), blocked
# (blocked posts only) or never.
failOn: error

# Clauses whose findings the Department Manager may approve with "p5050 approve".
# Others (endorsements, credentials, threats, ...) need a 4.1 exception (--kind exception).
approvable:
  - "6.1.11"
  - "6.1.6"

# The learned judgement heads, one per clause: switch one off, or move its thresholds (0 to 1).
# heads:
#   "6.1.5": off
#   "6.1.14": { error: 0.9, review: 0.7 }
`;

export const STARTER_JSON = `${JSON.stringify(
  {
    $schema: './node_modules/p5050/schema/p5050.config.schema.json',
    $comment: 'p5050 configuration (City of Cottonwood Social Media Policy P5050). Every key is optional; an unknown key is an error.',
    candidates: [],
    parties: [],
    ballotMeasures: [],
    codenames: [],
    approvedDomains: ['cottonwoodaz.gov'],
    allowlist: { phones: [], emails: [], addresses: [] },
    rules: {},
    failOn: 'error',
    approvable: ['6.1.11', '6.1.6'],
    heads: {},
  },
  null,
  2,
)}\n`;
