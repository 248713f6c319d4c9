"""sojournal: citizen posts on a municipality's social-media pages, journalised by the law."""
