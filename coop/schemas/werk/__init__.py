"""Schemas of the work slice, by sub-topic: `pakket` (work packages and the preview),
`diensten` (jobs, shifts, offers, deployments), `indeling` (ranking, bundling, planning)."""
