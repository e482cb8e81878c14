"""The Content Security Policy (django-csp) on the pages; the API and the admin keep theirs."""

from csp.middleware import CSPMiddleware

ZONDER_CSP = ("/api/", "/admin/", "/vera/", "/metrics", "/gezondheid/")


class PaginaCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(ZONDER_CSP):
            return response
        return super().process_response(request, response)
