import { Injectable } from '@nestjs/common';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { LetterModel, LetterSection, LetterZone } from '../../domain/letters/letter-model';
import { zoneMapSvg } from '../../domain/letters/zone-map-svg';

const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const MAP = { width: 480, height: 330 };

/**
 * Renders a composed letter (`domain/letters`) as an A4 PDF with pdfmake: the text, and one vector map per zone
 * version with the zone's name, version and geometry hash printed under it. pdfmake may read only its own font files
 * and no URL. The PDF's creation date is the letter's document date, so one version always gives the same bytes.
 */
@Injectable()
export class LetterPdfRenderer {
  constructor() {
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(FONT_DIR));
    pdfmake.setFonts({
      Roboto: {
        normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
        bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
        italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
        bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
      },
    });
  }

  render(letter: LetterModel): Promise<Buffer> {
    return pdfmake.createPdf(documentOf(letter)).getBuffer();
  }
}

function documentOf(letter: LetterModel): TDocumentDefinitions {
  const date = new Date(letter.documentDate);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    language: 'nl-NL',
    info: { title: `${letter.title} (${letter.reference})`, author: `Gemeente ${letter.municipalityName}`, subject: letter.title, creationDate: date, modDate: date },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      sender: { fontSize: 14, bold: true },
      title: { fontSize: 13, bold: true, margin: [0, 18, 0, 10] },
      heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      caption: { fontSize: 8, color: '#333333' },
    },
    footer: (page: number, pages: number) => ({
      text: `${letter.reference} · pagina ${page} van ${pages}`,
      style: 'caption',
      alignment: 'center',
      margin: [0, 24, 0, 0],
    }),
    content: [...letterHead(letter), ...letter.sections.flatMap((s) => section(s, letter.maps)), ...signature(letter)],
  };
}

function letterHead(letter: LetterModel): Content[] {
  return [
    { text: `Gemeente ${letter.municipalityName}`, style: 'sender' },
    { text: 'De burgemeester', margin: [0, 0, 0, 16] },
    {
      columns: [
        { stack: letter.addressee.map((line) => ({ text: line })), width: '*' },
        { stack: [{ text: letter.placeAndDate }, { text: letter.reference }], width: 'auto' },
      ],
    },
    { text: letter.title, style: 'title' },
    { text: letter.salutation, margin: [0, 0, 0, 6] },
  ];
}

function section(s: LetterSection, maps: LetterZone[]): Content[] {
  const out: Content[] = [{ text: s.heading, style: 'heading' }, ...s.paragraphs.map((p): Content => ({ text: p, margin: [0, 0, 0, 4] }))];
  if (s.items?.length) out.push({ ul: s.items, margin: [0, 0, 0, 4] });
  if (s.showsMaps) out.push(...maps.map(mapBlock));
  return out;
}

function mapBlock(zone: LetterZone, index: number): Content {
  const map = zoneMapSvg(zone.geometry, MAP);
  return {
    unbreakable: true,
    margin: [0, 8, 0, 8],
    stack: [
      { text: `Kaart ${index + 1}: ${zone.name}`, bold: true, margin: [0, 0, 0, 4] },
      { svg: map.svg, width: MAP.width, height: MAP.height },
      { text: `Gebied "${zone.name}", versie ${zone.version} (zone ${zone.zoneId}). Schaal: de balk is ${map.scaleBar.label}; het noorden is boven.`, style: 'caption', margin: [0, 4, 0, 0] },
      { text: `Geometrie-hash (SHA-256) van deze versie: ${zone.geometryHash}`, style: 'caption' },
    ],
  };
}

function signature(letter: LetterModel): Content[] {
  return [
    { text: letter.signature.closing, margin: [0, 18, 0, 6] },
    { stack: letter.signature.lines.map((line) => ({ text: line || ' ' })), unbreakable: true },
  ];
}
