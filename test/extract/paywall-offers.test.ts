import t from 'tap'
import { isPaywallOffer } from '../../src/extract/paywall-offers.js'

t.test('a paywall’s offer is recognised in the languages of the corpora', async (t) => {
  const offers = [
    'Read the full article with a subscription.',
    'Subscribe now to continue reading this story.',
    'Lesen Sie den vollständigen Artikel mit Ihrem Digital-Abo.',
    'Jetzt Abo abschließen und weiterlesen',
    'Cet article est réservé aux abonnés.',
    '¿Ya eres suscriptor? Inicia sesión',
    'Bereits Abonnent? Hier anmelden',
    'Jetzt testen: 4 Wochen für 1 €, danach monatlich kündbar',
    'Get unlimited access now for $1 a week. Cancel anytime.',
    'When you join the Ledger family, you’ll get unlimited digital access to our journalism. '.repeat(4).trim(),
    '99,00 EUR im 1. Jahr danach 122,40 EUR / Jahr',
  ]
  for (const text of offers) t.ok(isPaywallOffer(text), text)
})

t.test('prose about subscriptions and prices is not an offer', async (t) => {
  const prose = [
    'Netflix raised the price of its standard subscription to $15.49 a month on Thursday, its second increase in two years.',
    'Der Verlag hat im vergangenen Jahr 20.000 neue Abonnenten gewonnen, vor allem für die digitale Ausgabe.',
    'He read the statement aloud to the subscribers who had gathered outside the building.',
    'The test costs $5 an hour, and most clinics offer it every month.',
    'Members get unlimited access to the pools and the gym for a flat fee.',
    'The rent rose from 8,50 € to 9,20 € a month last year.',
  ]
  for (const text of prose) t.notOk(isPaywallOffer(text), text)
})
