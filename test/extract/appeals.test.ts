import t from 'tap'
import { isAppeal } from '../../src/extract/appeals.js'

t.test('isAppeal', async (t) => {
  const cases: Array<[text: string, expected: boolean]> = [
    ['Deshalb unterstütze uns (monatlich oder auch einmalig) und wir schreiben weiter für alle lesbar.', true],
    ['Flächenankauf ist Klimaschutz! Unterstützen Sie uns beim Ankauf wertvoller Flächen.', true],
    ['Support us: every contribution keeps the Ledger free to read.', true],
    ['Please donate to keep this site running.', true],
    ['If you like our stories, support our independent journalism with a monthly gift.', true],
    [
      'Wir wollen unsere Themen nicht hinter einer Bezahlschranke verstecken, denn sie gehören in die Öffentlichkeit.',
      true,
    ],
    ['Die Sport-App Jetzt kostenlos für iOS und Android!', true],
    ['Download our free app to get the news first.', true],
    // Reports of donations, support and apps are the story.
    ['He pledged to donate $1m to the hospital and asked others to make a donation too.', false],
    ['“We need the government to support us,” said the farmer.', false],
    ['The app is now available for free on iOS and Android, the company said.', false],
    ['Download the Zoom app on your phone and sign in with your school account.', false],
  ]
  for (const [text, expected] of cases) t.equal(isAppeal(text), expected, text)
})
