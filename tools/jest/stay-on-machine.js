// Tests never leave the machine. The mem0ai client reads this once, when it is first loaded.
process.env.MEM0_TELEMETRY = 'false';

// Any name lookup beyond this machine is refused at once and recorded; the suite then fails.
const dns = require('node:dns');
const { isIP } = require('node:net');
const localNames = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$/i;
const attempts = [];
globalThis.__mnemoOutboundLookups = attempts;

/** A name that needs a resolver beyond this machine (an address literal needs none). */
function remote(hostname) {
  return (
    typeof hostname === 'string' && hostname !== '' && !localNames.test(hostname) && !isIP(hostname)
  );
}

function refused(hostname) {
  const error = new Error(`tests must not leave the machine: lookup of ${hostname}`);
  error.code = 'ENOTFOUND';
  error.hostname = hostname;
  return error;
}

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  if (remote(hostname)) {
    attempts.push(hostname);
    const done = typeof options === 'function' ? options : callback;
    process.nextTick(() => done(refused(hostname)));
    return {};
  }
  return lookup.call(this, hostname, options, callback);
};
const promisedLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisedLookup(hostname, options) {
  if (remote(hostname)) {
    attempts.push(hostname);
    return Promise.reject(refused(hostname));
  }
  return promisedLookup.call(this, hostname, options);
};
