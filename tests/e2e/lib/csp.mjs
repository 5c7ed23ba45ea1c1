// Content-Security-Policy checks for the end-to-end tests: every page of a context
// reports its `securitypolicyviolation` events (an init script, before any app code
// runs) and console messages about the policy, so a test can assert there were none.
import fs from 'node:fs';
import path from 'node:path';

/// Starts collecting CSP violations of every page of `context`. Returns the live list.
export async function watchCsp(context) {
  const violations = [];
  await context.exposeBinding('__healthhubCspViolation', (_source, v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      window.__healthhubCspViolation?.({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  context.on('console', (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push({ console: msg.text() });
  });
  return violations;
}

/// The policy the build wrote (dist/csp.txt).
export function builtCsp(dist) {
  return fs.readFileSync(path.join(dist, 'csp.txt'), 'utf8').trim();
}

/// Checks a policy has every directive DESIGN §7 asks for.
export function assertStrictCsp(assert, policy) {
  const directives = Object.fromEntries(
    policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values];
    }),
  );
  assert.deepEqual(directives['default-src'], ["'self'"]);
  const script = directives['script-src'];
  assert.equal(script[0], "'self'");
  assert.equal(script[1], "'wasm-unsafe-eval'");
  assert.ok(script.length >= 3 && script.slice(2).every((s) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s)), `script-src: ${script}`);
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes("'unsafe-eval'"), policy);
  assert.equal(directives['connect-src'][0], "'self'");
  for (const [name, want] of Object.entries({
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  })) {
    assert.deepEqual(directives[name], want, name);
  }
  return directives;
}
