"""The Templates area: the template library, projects from templates, documents, compliance."""
