"""Use cases of the invoices slice: invoices, the neighbourhood-economy report, Excel imports."""
