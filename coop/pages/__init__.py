"""Server-rendered pages: the member pages now; the base layout serves later page sets too."""
