"""mangfold.reports: the pure parts of the city profile and the committee briefing.

- :mod:`.typography`: dates, numbers, ordinals and rank sentences written the Danish (or English) way
  ("22. marts 2010", "1.234,5", "nr. 5 af 20 byer");
- :mod:`.briefing`: the committee briefing drafted from the data, in the structure of a Danish committee
  agenda item (Indstilling og beslutning, Problemstilling, Løsning, Økonomi, Videre proces, Bilag);
- :mod:`.context`: the population context of a round (the round's year, else the nearest earlier year;
  municipal total or sum over small areas, with its coverage);
- :mod:`.sources`: source notes in the report's language (a Danish report cites in Danish);
- :mod:`.docx`: a briefing as a Word document (python-docx): A4, the report's proofing language, its own
  properties;
- :mod:`.pdf` and :mod:`.fonts`: HTML to PDF with WeasyPrint, DejaVu fonts embedded, and attachments
  appended (pypdf);
- :mod:`.cachekey`: the key a generated report is cached under.

No Django here: the web app (:mod:`mangfold.web.reports`) and the CLI (``mangfold report``) load the data
and call these functions. Heavy libraries (WeasyPrint, python-docx, pypdf, vl-convert) are imported on use.
"""
