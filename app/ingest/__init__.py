"""Getting articles in: the one input shape, its validation, and the one-transaction store."""
