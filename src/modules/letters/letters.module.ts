import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PersonsModule } from '../persons/persons.module';
import { ZonesModule } from '../zones/zones.module';
import { LetterPdfRenderer } from './letter-pdf.renderer';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';

/** Intent and decision letters (PDF), rendered on demand from stored order versions. */
@Module({
  imports: [OrdersModule, PersonsModule, ZonesModule],
  controllers: [LettersController],
  providers: [LettersService, LetterPdfRenderer],
})
export class LettersModule {}
