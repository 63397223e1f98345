"""Support replies the replies and agreements tests paste (no tests in this file)."""

# A WB brush-off: generic phrases, the help center's front page, no supply number, no amount.
WB_BRUSH_OFF = """Здравствуйте!

Благодарим за обращение. Информацию по удержаниям и штрафам вы можете найти в разделе «Помощь»: \
https://seller.wildberries.ru/help-center

Штрафы начисляются в соответствии с офертой. Если у вас остались вопросы, пожалуйста, создайте новое обращение.

С уважением, служба поддержки Wildberries"""

# A reply that asks for photos and a document: the case goes to "on us".
WB_ASKS_PHOTOS = """Здравствуйте!

Для проверки информации по поставке № 24815162 просим вас предоставить фотографии коробов с этикетками \
и приложить акт приёмки-передачи товара (ТОРГ-12). После получения документов мы передадим обращение \
на проверку.

С уважением, служба поддержки Wildberries"""

# A reply that promises an answer in three working days.
WB_PROMISE = """Здравствуйте!

Мы проверили информацию по поставке № 24815162. Ваше обращение передано в профильный отдел, \
решение по штрафу 15 400 ₽ будет принято в течение 3 рабочих дней.

С уважением, служба поддержки Wildberries"""
