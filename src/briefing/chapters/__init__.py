"""Stage 2, the chapters: what each chapter computes from the tables, and its findings (no plotting here)."""
