// The browsable API docs: Swagger UI (served from this service) on /openapi.json.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
