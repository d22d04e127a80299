// The web origins allowed to call the HTTP API and to upload to the materials bucket (CORS):
// the h5 app's and the officers' console's, comma-separated in ALLOWED_ORIGINS, e.g.
// "https://app.example.gov.cn,https://console.example.gov.cn". serverless.yml reads it as
// ${file(./infra/allowed-origins.js):allowedOrigins}; the local stack passes its own sites'
// origins through the same parser. Never '*': the API takes bearer tokens from browsers.

function parseAllowedOrigins(text) {
  const origins = String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*' || !/^https?:\/\/[^/]+$/.test(origin)) {
      throw new Error(`ALLOWED_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no '*', no path)`);
    }
  }
  return origins;
}

module.exports = {
  parseAllowedOrigins,
  allowedOrigins: () => {
    const origins = parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
    if (!origins.length) throw new Error('ALLOWED_ORIGINS is not set: list the h5 app and console origins');
    return origins;
  },
};
