import { credentials } from '../../src/screeners/credentials';
import { MAX_FINDINGS_PER_RULE } from '../../src/screeners/patterns';
import { bareDocument, expectLinearTime, flagged, growthRatio, LINEAR_GROWTH, screen, worstCase } from '../helpers';

/** Errors only: what would block the post. */
const errors = (text: string): string[] => screen(credentials, text).filter((h) => h.severity === 'error').map((h) => h.excerpt);

describe('credentials screener (6.1.2)', () => {
  it.each([
    ['password: hunter2', 'password: hunter2'],
    ["The password for the city's Facebook account is Cottonwood2024!", "password for the city's Facebook account is Cottonwood2024!"],
    ['Use pwd=Xy7!kq9 to log on', 'pwd=Xy7!kq9'],
    ['Your passcode is 482913.', 'passcode is 482913'],
    ['New password is "sunshine"', 'password is "sunshine"'],
    ['Our Twitter login: cottonwoodcity / Summer2024!', 'login: cottonwoodcity / Summer2024!'],
    ['La contraseña es Ciudad2024!', 'contraseña es Ciudad2024!'],
    ['bucket key AKIAZ3MSJV4WDUWHJXQM for the upload', 'AKIAZ3MSJV4WDUWHJXQM'],
    ['token: ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['bot xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['https://hooks.slack.com/services/T024BE7LD/B01ABCDEF23/aBcDeFgHiJkLmNoPqRsTuVwX', 'https://hooks.slack.com/services/T024BE7LD/B01ABCDEF23/aBcDeFgHiJkLmNoPqRsTuVwX'],
    ['Stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['maps key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'],
    ['glpat-9xK2mQ7vR4tY6wZ1pL3s is the deploy token', 'glpat-9xK2mQ7vR4tY6wZ1pL3s'],
    ['npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
    ['OpenAI key sk-Zp1Yq2Wx3Vu4Ts5Rq6Po7Nm8Lk9Ji0HgFeDcBa12345 in the notebook', 'sk-Zp1Yq2Wx3Vu4Ts5Rq6Po7Nm8Lk9Ji0HgFeDcBa12345'],
    ['(use the client secret: QtT8Q~9C-_Ij~RouHVpD2Tuf3oHWGh.DQ3kcjbAn)', 'QtT8Q~9C-_Ij~RouHVpD2Tuf3oHWGh.DQ3kcjbAn'],
    ['api_key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"', 'api_key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"'],
    ['<mailgunToken>\n    d325a86d68c002fc97c3faf76dc6ed84\n</mailgunToken>', 'd325a86d68c002fc97c3faf76dc6ed84'],
    ['CMS: https://admin:S3cretPass@cms.cottonwoodca.gov/login', 'S3cretPass'],
  ])('flags %j', (text, excerpt) => {
    expect(errors(text)).toEqual([excerpt]);
  });

  it('flags a private key block and a JWT as a whole', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq9x0ZtZL3qk1Yv8Pq\nyZ3h2PZ+pV7\n-----END RSA PRIVATE KEY-----';
    expect(errors(`Key for the server:\n${pem}\nthanks`)).toEqual([pem]);
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(errors(`session ${jwt}.`)).toEqual([jwt]);
  });

  it.each([
    'Password reset instructions are on our website.',
    'Please enter your password to continue.',
    'Passwords must be at least 12 characters: use a passphrase.',
    'Password changes take effect: 3/1/2025.',
    'The password is case-sensitive.',
    'Your password is required.',
    'Forgot your utility account password? Reset it at cottonwoodca.gov/pay.',
    'Do not share your password with anyone, including City staff.',
    'Login: username/password',
    'Pin this post! Our new PIN policy: 4 digits minimum.',
    'Key dates: applications open May 1; deadline June 15, 2024.',
    "Key takeaways from tonight's council meeting: budget approved 5-2.",
    'Bus tokens are now available at the Transit Center for $2.50 each.',
    'Access code: SPRING24 gets 10% off summer camp registration!',
    'Apply at cottonwoodca.gov/jobs?ref=tw&utm_source=twitter',
    'Housing Authority: CottonwoodHousing2024 report is out',
    'User: 1,200 / 5,000 seats taken',
    // Placeholders and documentation look-alikes, as in gitleaks' own test cases.
    'key = AKIAXXXXXXXXXXXXXXXX',
    'api_key = "AKIAIOSFODNN7EXAMPLE"',
    'xoxb-Slack_BOT_TOKEN',
    'xoxp-1234567890',
    'glpat-XXXXXXXXXXX-XXXXXXXX',
    'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'https://qyapi.weixin.qq.com/cgi-bin/department/create?access_token=ACCESS_TOKEN',
    'sumo_access_key   = "<SUMOLOGIC ACCESS KEY>"',
    'public static final String API_ORG_EXIST = "APIOrganizationExist";',
    'Webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'password: ********',
    'password: <your password>',
  ])('does not flag %j', (text) => {
    expect(flagged(credentials, text)).toEqual([]);
  });

  it('reports public meeting passcodes and guest Wi-Fi as information, account passwords as errors', () => {
    const zoom = screen(credentials, 'Join the Zoom meeting. Meeting ID: 812 3456 7890, Passcode: 240315');
    expect(zoom.map((h) => [h.excerpt, h.severity, h.ruleId])).toEqual([['Passcode: 240315', 'info', 'meeting-passcode']]);
    const link = screen(credentials, 'Zoom link: https://us02web.zoom.us/j/81234567890?pwd=dGhpc2lzYXRlc3QxMjM0NTY3OA');
    expect(link.map((h) => h.severity)).toEqual(['info']);
    const wifi = screen(credentials, 'Free Wi-Fi at all branches! Network: CottonwoodGuest, password: readmore2024');
    expect(wifi.map((h) => [h.excerpt, h.severity])).toEqual([['password: readmore2024', 'info']]);
    expect(errors('Zoom host account password: Summer2024!')).toEqual(['password: Summer2024!']);
  });

  it('reports a token in a link as a warning', () => {
    const [hit] = screen(credentials, 'Survey: https://cottonwoodca.gov/survey?token=8f3KqP9xL2mZ7vR4tY6w');
    expect(hit).toMatchObject({ excerpt: '8f3KqP9xL2mZ7vR4tY6w', severity: 'warning', ruleId: 'token-in-link' });
  });

  it('catches evasive spellings of the label and points at the original characters', () => {
    expect(errors('P4SSW0RD: Tr0ub4dor&3')).toEqual(['P4SSW0RD: Tr0ub4dor&3']);
    expect(errors('P A S S W O R D: Summer2024!')).toEqual(['P A S S W O R D: Summer2024!']);
    expect(errors('pass\u200Bword: Summer2024!')).toEqual(['pass\u200Bword: Summer2024!']);
    expect(errors('ｐａｓｓｗｏｒｄ： Summer2024!')).toEqual(['ｐａｓｓｗｏｒｄ： Summer2024!']);
    expect(errors('РASSWОRD: Summer2024!')).toEqual(['РASSWОRD: Summer2024!']);
  });

  it('keeps the more specific finding when rules overlap', () => {
    const hits = screen(credentials, 'api_key = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"');
    expect(hits.map((h) => h.ruleId)).toEqual(['google-api-key']);
  });

  it('reports clause, severity, message and a rotate-and-report suggestion', () => {
    const [hit] = screen(credentials, 'password: hunter2');
    expect(hit).toMatchObject({ clause: '6.1.2', severity: 'error', ruleId: 'password-in-text', offset: 0, length: 17 });
    expect(hit?.message).toMatch(/password/i);
    expect(hit?.suggestion).toMatch(/rotate/i);
    expect(hit?.suggestion).toMatch(/5\.2\.c/);
  });

  it('reports at most MAX_FINDINGS_PER_RULE findings of one rule', () => {
    const text = Array.from({ length: 80 }, (_, i) => `PIN is ${4000 + i}`).join('. ');
    expect(flagged(credentials, text)).toHaveLength(MAX_FINDINGS_PER_RULE);
  });

  describe('speed', () => {
    it.each<[string, (size: number) => string]>([
      ...['key=', 'api_key_token_secret_', 'password for the city is ', 'eyJhbGciOiJIUzI1NiIs.', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'aB3xoxb-12345678-'].map((unit): [string, (size: number) => string] => [unit, worstCase(unit)]),
      // A label's value is read with a regex: a run of spaces between optional parts once retried every split.
      ['"door code" before spaces', worstCase(' ', 'door code')],
      ['"PIN #" before spaces', worstCase(' ', 'PIN #')],
      ['"password" before spaces', worstCase(' ', 'password')],
      ['numbers', worstCase('1 ')],
    ])('%j: 1 MB takes time linear in its size', (_name, make) => {
      expectLinearTime((size) => bareDocument(make(size)), (doc) => credentials.check(doc, {}));
    }, 120_000);
  });

  describe('prose (English and Spanish)', () => {
    it.each([
      ['Jess changed the password Friday to RiverFront!88, so use that one.', 'password Friday to RiverFront!88', 'RiverFront!88'],
      ['Marisol the verification code is 482913, can you read it back to me?', 'verification code is 482913', '482913'],
      ['the after-hours voicemail PIN was reset to 2580. Please check messages.', 'voicemail PIN was reset to 2580', '2580'],
      ["here's the Public Works Twitter password AGAIN, boomer: Pothole$Patrol1 write it down", 'password AGAIN, boomer: Pothole$Patrol1', 'Pothole$Patrol1'],
      ['the admin login for the well field SCADA panel is STILL admin / admin.', 'login for the well field SCADA panel is STILL admin / admin', 'admin'],
      ['it is the same as the staff wifi password — books4all — just capitalize the B', 'password — books4all', 'books4all'],
      ['Finance: the PIN is 4417, in case you need it', 'PIN is 4417', '4417'],
      ['Password:\nSummer2024!', 'Password:\nSummer2024!', 'Summer2024!'],
      ['The new Instagram password\nTr0ub4dor&3', 'password\nTr0ub4dor&3', 'Tr0ub4dor&3'],
      ['parks@cottonwoodaz.gov / Sycamore!2026', 'parks@cottonwoodaz.gov / Sycamore!2026', 'Sycamore!2026'],
      ['Backup codes: 8f3k-2m9q and 7h2j-5n1x', 'Backup codes: 8f3k-2m9q', '8f3k-2m9q'],
      ['PIN 4417 for the p-card', 'PIN 4417', '4417'],
      ['if password == "m{{h}o)p${e]nob(ody[finds>-_$#thisone}":', 'password == "m{{h}o)p${e]nob(ody[finds>-_$#thisone}"', 'm{{h}o)p${e]nob(ody[finds>-_$#thisone}'],
      ['apikey := "m{{h}o)p${e]nob(ody[finds>-_$#thisone}"', 'apikey := "m{{h}o)p${e]nob(ody[finds>-_$#thisone}"', 'm{{h}o)p${e]nob(ody[finds>-_$#thisone}'],
      ['p a s s w o r d is Summer2024!', 'p a s s w o r d is Summer2024!', 'Summer2024!'],
      ['p@ssw0rd = Xy7!kq9z', 'p@ssw0rd = Xy7!kq9z', 'Xy7!kq9z'],
      // Spanish.
      ['Oye Beto, el código de verificación de dos pasos es 771 204, mándamelo rápido', 'código de verificación de dos pasos es 771 204', '771 204'],
      ['Acceso al panel de alertas: usuario transit_admin, clave Lynx#5521. Gracias.', 'clave Lynx#5521', 'Lynx#5521'],
      ['La contraseña de la cuenta de Instagram es Ciudad2024!', 'contraseña de la cuenta de Instagram es Ciudad2024!', 'Ciudad2024!'],
      ['El NIP de la tarjeta es 9931', 'NIP de la tarjeta es 9931', '9931'],
      ['La contraseña del Facebook la cambié a Nogal#77', 'contraseña del Facebook la cambié a Nogal#77', 'Nogal#77'],
    ])('flags %j', (text, excerpt, secret) => {
      const hits = screen(credentials, text).filter((h) => h.severity === 'error');
      expect(hits.map((h) => h.excerpt)).toEqual([excerpt]);
      expect(text.slice(hits[0]!.secret!.offset, hits[0]!.secret!.offset + hits[0]!.secret!.length)).toBe(secret);
    });

    it.each([
      'Never share your password with anyone.',
      'Password reset instructions are on our website.',
      'We will never ask for your PIN.',
      'Scam alert: the City will never call you and ask for your password, PIN or verification code.',
      'Scammers may say they need your PIN to stop a shutoff. Hang up and call us.',
      'Enter the code we text you.',
      'Your verification code expires in 10 minutes.',
      'Change your password to something strong.',
      'The PIN 2024 program starts soon.',
      'Create a password with at least 12 characters.',
      'Password changes: see cottonwoodaz.gov/reset',
      'Email press@cottonwoodaz.gov / 928-634-5526 for media questions.',
      'password: $PASSWORD',
      'password = None',
      'password = get_password()',
      'Nunca comparta su contraseña ni su NIP con nadie.',
      'Es clave que todos voten el martes.',
      'La palabra clave es #Cottonwood2024',
      'Le enviaremos un código de verificación por mensaje de texto.',
      'Olvidó su contraseña? Restablézcala en cottonwoodaz.gov.',
    ])('does not flag %j', (text) => {
      expect(flagged(credentials, text)).toEqual([]);
    });
  });

  describe('linear time (¼, ½ and full 1 MB: growth from ¼ to full, not absolute time)', () => {
    it.each([
      // token prefixes followed by long runs, shapes without a prefix, a PEM header, a JWT start
      'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa xoxb-12345678- AAAAAAAAAAAAAAAAAAAAAAAAAA MAAAAAAAAAAAAAAAAAAAAAAAAA. -----BEGIN RSA PRIVATE KEY-----\nMIIE eyJhbGciOiJIUzI1NiIs. curl -u a ',
      // service keys and assignments: a name, an operator, a value that never ends right
      'adafruit_token = adafruit api_key_token_secret_key= ',
      // prose: labels with filler words and connectors, values that are not passwords; login pairs
      'password is AGAIN, boomer, now then PIN was reset to 1 2 3 user: a / b a@b.co / xxxxxx ',
      // credential words next to long runs
      'token token token aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7 ',
    ])('grows linearly on 1 MB of %j', (unit) => {
      expect(growthRatio(credentials, unit)).toBeLessThan(LINEAR_GROWTH);
    }, 60_000);
  });
});
