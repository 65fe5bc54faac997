// Starts Swagger UI on this service's own document (a relative URL, so stage prefixes work).
// A file of ours rather than inline script, so the docs page keeps a strict Content-Security-Policy.

window.addEventListener('DOMContentLoaded', () => {
  window.ui = window.SwaggerUIBundle({
    url: new URL('../openapi.json', document.baseURI).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    withCredentials: true,
  });
});
