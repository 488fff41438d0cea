import t from 'tap'
import { isMediaNotice } from '../../src/extract/media-notices.js'

t.test('isMediaNotice', async (t) => {
  const cases: Array<[text: string, expected: boolean]> = [
    ['Listen to this article', true],
    ['Listen to this story · 6 min', true],
    ['Listen · 4:32', true],
    ['Écouter cet article', true],
    ['ESCUCHA ESTA NOTA AQUÍ', true],
    ['Artikel vorlesen lassen', true],
    ['Audio version: 12 min', true],
    ['Voiced by artificial intelligence.', true],
    [
      'Hinweis: Wenn Sie dieses Video hier abspielen, erfolgt eine Datenübertragung an YouTube bzw. Google. Auf Art und Umfang der übertragenen Daten haben wir keinen Einfluss.',
      true,
    ],
    [
      'Wir würden hier gerne eine Newsletter Anmeldung zeigen. Leider haben Sie uns hierfür keine Zustimmung gegeben. Wenn Sie diesen anzeigen wollen, stimmen Sie bitte dem Anbieter zu.',
      true,
    ],
    ['To view this content from Instagram, please accept cookies and third-party content.', true],
    ['Mit diesem Button kannst Du diese Episode zu einer Liste hinzufügen. Dazu musst Du Dich dort einloggen:', true],
    // Prose about listening, audio, video or privacy is the story.
    ['Listen to the elders, he said, and the whales will be understood.', false],
    ['Listenpreise sind bei den meisten Händlern verhandelbar.', false],
    ['The video shows Facebook changed its privacy policy without asking users for consent.', false],
    ['The button on the dashboard lets drivers switch off the lane assistant.', false],
    ['Residents say they aren’t being listened to when they tell the council the river is sick.', false],
  ]
  for (const [text, expected] of cases) t.equal(isMediaNotice(text), expected, text)
})
