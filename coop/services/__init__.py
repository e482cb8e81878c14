"""The broker's state changes: one function per use case, transactional, the only writers."""
