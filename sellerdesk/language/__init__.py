"""Pure text helpers for Russian, Chinese and English seller texts. No Django here."""
