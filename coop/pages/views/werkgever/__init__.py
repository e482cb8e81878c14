"""The employer pages under /werkgever/: an employer organisation's users post work, follow
its staffing, judge hours, fetch invoices and the report, manage colleagues and import
packages from Excel, through the same services and selectors as the JSON API."""
