/**
 * Hostile input, as fast-check arbitraries: wrong types, huge and empty values, unicode, prototype keys, malformed JSON,
 * form and multipart bodies, and header tricks. Personal data markers (`PERSONAL_MARKERS`) are mixed into the values so
 * that the fuzzer can tell whether any of it reached a log.
 */
import fc from 'fast-check';

/** Personal data the fuzzer sends: none of it may ever appear in a log line. */
export const PERSONAL_MARKERS = {
  email: 'fuzz.forskrivare@skane.example',
  phone: '070-765 43 21',
  personnummer: '19121212-1212',
  name: 'Fuzzia Förskrivarsson',
} as const;

/** The forms in which a marker could show up in a log (the digits of phone and personnummer without separators too). */
export function markerForms(): string[] {
  return [...Object.values(PERSONAL_MARKERS), '0707654321', '191212121212', encodeURIComponent(PERSONAL_MARKERS.email), encodeURIComponent(PERSONAL_MARKERS.name)];
}

const PERSONAL = fc.constantFrom(...Object.values(PERSONAL_MARKERS), `Ring ${PERSONAL_MARKERS.phone} om patient ${PERSONAL_MARKERS.personnummer}`);

/** Strings that break things: empty, whitespace, control characters, unicode edge cases, injection shapes, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: PERSONAL },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\r\n',
      '\t/evil.example',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' OR 1=1 --",
      '${7*7}',
      '{{7*7}}',
      '../../../../etc/passwd',
      '%2e%2e%2f%2e%2e%2f',
      '%00',
      '%',
      '\uFEFF',
      '\u202E',
      '\uD800',
      '𝕊𝕖𝕤𝕒𝕞',
      'å'.repeat(300),
      'NaN',
      'Infinity',
      '-0',
      '1e309',
      '9007199254740993',
      '2026-13-45T25:61:00Z',
      'null',
      'true',
      '[]',
      '{}',
      'sesam-down',
      'desk',
      'javascript:alert(1)',
      '//evil.example',
      '/\\evil.example',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000), 'é'.repeat(20_000), 'a,'.repeat(5_000)) },
);

/** Any JSON value, hostile: wrong types, deep and wide, prototype keys, huge numbers. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, 2 ** 63), hostileString) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype', '$eq', '$in', '$like')), tie('value'), { maxKeys: 4 }),
    },
  ),
})).value;

/** A JSON text with `__proto__` as an own key (JSON.stringify cannot write one from an object literal). */
const protoPollution = fc.constantFrom(
  '{"__proto__":{"isAdmin":true,"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"__proto__":null}',
  '[{"__proto__":{"x":1}}]',
);

/** Broken JSON texts. */
const brokenJson = fc.constantFrom('', '{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", '{"a":1,}', 'nul', '\uFEFF{}', '{"a":"\\ud800"}', '1'.repeat(400), '['.repeat(5000), `{"a":"${'x'.repeat(70_000)}"}`);

/** A JSON body: structure-aware (a valid template with fields replaced), any value, or broken text. */
export function jsonBody(template?: Record<string, unknown>): fc.Arbitrary<string> {
  const arbitraries: Array<fc.WeightedArbitrary<string>> = [
    { weight: 2, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: protoPollution },
    { weight: 1, arbitrary: brokenJson },
  ];
  if (template) {
    const keys = Object.keys(template);
    arbitraries.push({ weight: 2, arbitrary: fc.constant(JSON.stringify(template)) });
    if (keys.length > 0) {
      arbitraries.push({
        weight: 6,
        arbitrary: fc
          .record({ replace: fc.subarray(keys, { minLength: 1 }), values: fc.array(hostileJson, { minLength: keys.length, maxLength: keys.length }), extra: fc.option(fc.tuple(fc.oneof(hostileString, fc.constant('__proto__')), hostileJson), { nil: undefined }), drop: fc.option(fc.constantFrom(...keys), { nil: undefined }) })
          .map(({ replace, values, extra, drop }) => {
            const copy: Record<string, unknown> = { ...template };
            replace.forEach((k, i) => (copy[k] = values[i]));
            if (drop) delete copy[drop];
            let text = JSON.stringify(copy);
            if (extra) text = `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(extra[0])}:${JSON.stringify(extra[1]) ?? 'null'}}`;
            return text;
          }),
      });
    }
  }
  return fc.oneof(...arbitraries);
}

/** A form-urlencoded body: the form's fields (valid values given), hostile values, repeated keys, odd encodings. */
export function formBody(fields: Record<string, string>): fc.Arbitrary<string> {
  const keys = Object.keys(fields);
  const value = fc.oneof({ weight: 2, arbitrary: hostileString }, { weight: 2, arbitrary: fc.constantFrom(...(keys.length ? Object.values(fields) : [''])) });
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(keys.length ? keys : ['x'])) }, { weight: 1, arbitrary: hostileString }), value), { maxLength: keys.length + 3 }).map((pairs) => new URLSearchParams([...Object.entries(fields), ...pairs]).toString()) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz=1', 'a=%E0%A4%A', '=&=&', '&&&', 'a[b][c]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', 'a=1&a=2&a=3', 'x'.repeat(70_000)) },
    { weight: 1, arbitrary: hostileString },
  );
}

/** A multipart/form-data body (and its content type): well-formed parts with odd content, or broken structure. */
export function multipartBody(validParts: Array<{ name: string; filename?: string; content: string }>): fc.Arbitrary<{ contentType: string; body: Buffer }> {
  const boundary = fc.oneof(fc.constantFrom('fuzz-boundary', 'a', 'x'.repeat(70)), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /^[\w'()+,./:=?-]+$/.test(s)));
  const part = fc.record({
    name: fc.oneof(fc.constantFrom(...validParts.map((p) => p.name), 'resources', 'tenantId', '__proto__'), hostileString),
    filename: fc.option(fc.oneof(fc.constantFrom(...validParts.map((p) => p.filename ?? 'a.bpmn'), 'x.dmn', '../../x.bpmn', 'a.form', ''), hostileString), { nil: undefined }),
    content: fc.oneof(fc.constantFrom(...validParts.map((p) => p.content)), hostileString, fc.constantFrom('<?xml version="1.0"?><definitions/>', '<bpmn:definitions', '{"components":[]}', '')),
  });
  const render = (b: string, parts: Array<{ name: string; filename?: string; content: string }>, closing: boolean) =>
    Buffer.from(
      parts
        .map((p) => `--${b}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n${p.content}\r\n`)
        .join('') + (closing ? `--${b}--\r\n` : ''),
      'utf8',
    );
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(boundary, fc.array(part, { maxLength: 4 }), fc.boolean()).map(([b, parts, closing]) => ({ contentType: `multipart/form-data; boundary=${b}`, body: render(b, parts, closing) })) },
    { weight: 1, arbitrary: fc.constant({ contentType: 'multipart/form-data; boundary=fuzz-boundary', body: render('fuzz-boundary', validParts, true) }) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unterminated', 'multipart/mixed; boundary=b', 'multipart/form-data; boundary=b'), hostileString).map(([contentType, text]) => ({ contentType, body: Buffer.from(text) })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: 'multipart/form-data; boundary=b', body: Buffer.from('--b\r\nContent-Disposition: form-data; name="resources"; filename="a.bpmn"\r\n\r\n' + 'x'.repeat(5 * 1024 * 1024)) }) },
  );
}

/** Header tricks: odd or duplicated content types, forwarded-for chains, huge or odd values. */
export const trickHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.oneof(
    fc.constantFrom<[string, string]>(
      ['X-Forwarded-For', '203.0.113.7'],
      ['X-Forwarded-For', '203.0.113.7, 198.51.100.2, 127.0.0.1'],
      ['X-Forwarded-For', 'not-an-address'],
      ['X-Forwarded-For', `${'1.2.3.4, '.repeat(500)}5.6.7.8`],
      ['X-Forwarded-Host', 'evil.example'],
      ['X-Forwarded-Proto', 'javascript'],
      ['X-Real-IP', '10.0.0.1'],
      ['Forwarded', 'for=203.0.113.7;proto=https'],
      ['Accept', 'application/json'],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'gzip, deflate, br'],
      ['Accept-Language', 'sv-SE'],
      ['If-Modified-Since', 'Wed, 25 Nov 2099 09:00:00 GMT'],
      ['If-Modified-Since', 'not a date'],
      ['Origin', 'https://evil.example'],
      ['Referer', 'https://evil.example/'],
      ['Cookie', '__proto__=1; constructor=2'],
      ['Cookie', `sesam_intag=${'x'.repeat(4000)}`],
      ['Cookie', 'lw_session=; lw_session=also'],
      ['X-HTTP-Method-Override', 'DELETE'],
      ['Idempotency-Key', '__proto__'],
      ['Range', 'bytes=0-10'],
      ['Expect', '100-continue'],
      ['Authorization', 'Bearer '],
      ['Authorization', 'Basic ZGVtbzpkZW1v'],
      ['Authorization', `Bearer ${'x'.repeat(8000)}`],
      ['X-Csrf-Token', '__proto__'],
      ['X-Idempotency-Key', '\u00e5'],
    ),
    fc.tuple(fc.constantFrom('X-Fuzz', 'X-Forwarded-For', 'Idempotency-Key', 'Accept', 'User-Agent'), fc.string({ maxLength: 60 }).filter((v) => !/[\r\n\0]/.test(v))),
  ),
  { maxLength: 3 },
);

/** Content types a body may claim, true or not. */
export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=b',
  'application/xml',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  '',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded; charset=utf-16',
);

/** Percent-encode text as UTF-8 bytes (lone surrogates become U+FFFD, where encodeURIComponent would throw). */
export function encodeSegment(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A path segment: a real key or id from the pool, or hostile text (encoded, or raw when harmless on the request line). */
export function pathSegment(valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(valid.length ? valid : ['1'])) },
    { weight: 2, arbitrary: hostileString.map((s) => encodeSegment(s.slice(0, 2000))) },
    { weight: 1, arbitrary: fc.constantFrom('..', '%2e%2e', '%2F', '%00', '%ZZ', '9'.repeat(40), '-1', '0', 'undefined', 'null', '__proto__', 'constructor', '%25', '.', '~', 'x'.repeat(3000)) },
  );
}

/** A query string (without `?`), hostile. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom('ovning', 'view', 'state', 'children', 'ok', 'next', 'nasta', 'skickat', 'id', 'truncateValues', '__proto__', 'constructor'), hostileString), hostileString), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 3000)])).toString()) },
  { weight: 1, arbitrary: fc.constantFrom('%', 'a=%', '&&', 'a=1&a=2', '__proto__[x]=1', 'next=%2F%09%2Fevil.example', 'nasta=%2F%2Fevil.example', 'ovning=1', 'x'.repeat(9000)) },
);

/** Methods: mostly the route's own, sometimes another. */
export function method(own: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get') });
}
