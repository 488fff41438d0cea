import t from 'tap'
import { isEditionNote } from '../../src/extract/edition-notes.js'

t.test('isEditionNote', async (t) => {
  const cases: Array<[text: string, expected: boolean]> = [
    ['Medically reviewed by Jane Doe, MD — Written by John Roe — Updated on March 3, 2021', true],
    ['Fact checked by Jane Doe', true],
    ['Written by John Roe | Reviewed by Jane Doe, PhD', true],
    ['Fachlich geprüft von Dr. Jana Muster', true],
    ['Fact check: our editors review every article before it is published.', true],
    [
      'A version of this article appears in print on , on Page A22 of the New York edition with the headline: Under the City’s Streets. Order Reprints | Today’s Paper | Subscribe',
      true,
    ],
    ['This article appeared in the print edition of the Riverside Ledger under the headline “Bridges”.', true],
    ['From our March 2021 issue', true],
    ['Dieser Artikel ist zuerst in der Printausgabe der Riverside Zeitung erschienen.', true],
    ['ERSCHIENEN IN', true],
    ['Cet article est paru dans l’édition du 3 mars du Journal de la Rive.', true],
    [
      'Dieser Text entspricht den Vorgaben der ärztlichen Fachliteratur sowie aktuellen Studien und wurde von Medizinern geprüft.',
      true,
    ],
    ['This article was reviewed by our editorial team.', true],
    ['Diese Folge zitieren: Jana Muster: Podcast-Folge 12. 16.08.2019 (CC-BY 4.0)', true],
    ['Cite this article: Doe, J. (2021). Bridges. Riverside Ledger.', true],
    // A review or an issue named in a sentence of the story.
    [
      'These deals don’t pop up overnight, he said according to a transcript reviewed by Business Insider. They take time.',
      false,
    ],
    ['The council reviewed the plan on Tuesday and will vote on it in March.', false],
    ['In the issue of housing, the mayor has made little progress since her election.', false],
    ['The report was reviewed by the committee, which found the figures sound.', false],
    ['The story appeared to confirm what residents had long suspected about the bridge.', false],
  ]
  for (const [text, expected] of cases) t.equal(isEditionNote(text), expected, text)
})
