"""Operations: the health endpoint and the Prometheus metrics."""
