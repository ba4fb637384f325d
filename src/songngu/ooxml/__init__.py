"""Word's file format (Office Open XML, ECMA-376): the one home of what songngu knows about it.

- :mod:`~songngu.ooxml.writer`: the side-by-side review file (the only module that imports
  python-docx);
- :mod:`~songngu.ooxml.markup`: what the review file marks and how (bookmarks carrying segment
  ids, styles, term runs), shared by its writer and its reader;
- :mod:`~songngu.ooxml.manifest`: the custom XML part that records the exported document;
- :mod:`~songngu.ooxml.review_file`: reads a reviewed file back (zipfile and ElementTree);
- :mod:`~songngu.ooxml.body`: reads an article's paragraphs, styles and legacy fonts;
- :mod:`~songngu.ooxml.text`: which elements are visible text, for both readers.

The exporter registry, the DOCX reader and review import use these modules; nothing else does.
"""
