/** The local web's escaping: html`` and JSON inside a script block. */
import { html, jsonForScript } from '../../../../runtime/web/html/escape';

test('escaping: html`` escapes every interpolated value, nested templates stay markup', () => {
  // given user text with markup
  const evil = `<script>alert("x")</script>'&`;
  // when it is interpolated, also inside a nested template and an attribute
  const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}</p>`.value;
  // then nothing of it is markup
  expect(out).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</b></p>',
  );
});

test('escaping: JSON for a script block cannot close the script element', () => {
  // given a value containing a closing script tag and line separators
  const value = { text: '</script><script>alert(1)</script>&\u2028' };
  // when it is embedded
  const out = jsonForScript(value).value;
  // then no "<" survives, and it parses back to the same value
  expect(out).not.toMatch(/[<>&\u2028]/);
  expect(JSON.parse(out)).toEqual(value);
});
